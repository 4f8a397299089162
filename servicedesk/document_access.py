"""Who may open a ticket's photos: told to documents at start-up (``documents.access``).

Photos are filed about the ticket's timeline entries. The front desk, engineering and management open every
ticket's photos; any other role those of the tickets it may see (its department's, or assigned to it).
"""

from django.db.models import Q

from documents.access import download_rule_register
from documents.actors import AnyUser
from tenancy.access import has_role
from tenancy.roles import Role

from .models import Ticket, TicketEvent
from .permissions import visible_tickets

TICKET_PHOTO_ROLES: tuple[str, ...] = (Role.FRONT_DESK, Role.ENGINEERING, Role.MANAGEMENT)
TICKET_PHOTOS = Q(about_type__app_label="servicedesk", about_type__model="ticketevent")


def ticket_photos_allowed(user: AnyUser) -> bool | Q:
    """All ticket photos for the front desk, engineering and management; else those of the tickets it sees."""
    if has_role(user, TICKET_PHOTO_ROLES):
        return True
    events = TicketEvent.objects.filter(ticket__in=visible_tickets(user, Ticket.objects.all()))
    return Q(about_id__in=events.values("pk"))


def register() -> None:
    """Called from ``ServicedeskConfig.ready()``."""
    download_rule_register(
        name="servicedesk:ticket-photos", scope=TICKET_PHOTOS, allowed=ticket_photos_allowed
    )
