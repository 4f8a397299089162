"""Receiving a ticket, and what anyone adds to it afterwards: comments and photos."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import portal_role_check, require_role
from tenancy.portal_roles import OPERATIONS_ACTORS

from ..clocks import dues_for
from ..models import Category, Ticket, TicketEvent
from ..permissions import RECEIVERS, may_see
from ..selectors import portal_units
from ._base import event_add, lock, photos_add

MAX_PHOTOS = 5


def _check_place(*, building: Any, unit: Any) -> None:
    if building is None:
        raise DomainError(_("Choose the building, or the unit, where it happened."), field="building")
    if unit is not None and unit.building_id != building.pk:
        raise DomainError(_("This unit is not in the chosen building."), field="unit")


def _check_text(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        message = (
            _("Please describe the problem or the request.")
            if field == "description"
            else _("Write a comment or add a photo.")
        )
        raise DomainError(message, field=field)
    return text


def _check_photos(photos: Sequence[File]) -> None:
    if len(photos) > MAX_PHOTOS:
        raise DomainError(_("Add at most %(n)d photos at a time.") % {"n": MAX_PHOTOS}, field="photos")


def _check_receiver(*, by: User, tenant: Any, channel: str) -> None:
    """Staff who receive are the front desk (and management); a portal user files for their own tenant."""
    if by.is_staff:
        require_role(by, RECEIVERS, _("Only the front desk or management receive tickets."))
        return
    membership = getattr(by, "tenant_membership", None)
    if (
        membership is None
        or tenant is None
        or membership.tenant_id != tenant.pk
        or channel != Ticket.Channel.PORTAL
    ):
        raise DomainError(_("A portal user files tickets for their own tenant only."))
    portal_role_check(by, OPERATIONS_ACTORS)  # not the tenant's finance or read-only people


def _check_portal_unit(*, by: User, tenant: Any, unit: Any) -> None:
    """A portal user reports on the tenant's own units (under its current leases) or on a common area."""
    if by.is_staff or unit is None:
        return
    if not portal_units(tenant).filter(pk=unit.pk).exists():
        raise DomainError(
            _("Choose one of your own units, or leave the unit empty for a common area."), field="unit"
        )


@transaction.atomic
def ticket_create(
    *,
    by: User,
    kind: str,
    channel: str,
    category: Category,
    description: str,
    building: Any = None,
    unit: Any = None,
    urgency: str = Ticket.Urgency.NORMAL,
    tenant: Any = None,
    location: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    photos: Sequence[File] = (),
    received_at: datetime | None = None,
) -> Ticket:
    """Record a ticket with its clocks; staff who receive it own it (首问负责制), portal tickets wait."""
    if unit is not None and building is None:
        building = unit.building
    _check_place(building=building, unit=unit)
    description = _check_text(description, "description")
    _check_photos(photos)
    _check_receiver(by=by, tenant=tenant, channel=channel)
    _check_portal_unit(by=by, tenant=tenant, unit=unit)
    if not category.active:
        raise DomainError(_("This category is no longer in use."), field="category")
    received_at = received_at or timezone.now()
    dues = dues_for(
        received_at=received_at,
        kind=kind,
        urgency=urgency,
        category=category,
        building_id=building.pk if building is not None else None,
    )
    ticket = Ticket.objects.create(
        kind=kind,
        channel=channel,
        urgency=urgency,
        tenant=tenant,
        building=building,
        unit=unit,
        location=location.strip(),
        category=category,
        description=description,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        created_at=received_at,
        received_by=by if by.is_staff else None,
        owner=by if by.is_staff else None,
        acknowledge_due_at=dues.acknowledge,
        first_answer_due_at=dues.first_answer,
        resolution_due_at=dues.resolution,
    )
    event_add(
        ticket,
        TicketEvent.Kind.CREATED,
        by=by,
        public=True,
        text=description,
        status_to=ticket.status,
        at=received_at,
    )
    photos_add(ticket, photos, by=by, public=True)
    return ticket


@transaction.atomic
def ticket_comment(
    *, ticket: Ticket, by: User, text: str, public: bool = False, photos: Sequence[File] = ()
) -> TicketEvent | None:
    """A comment (and/or photos) on the timeline; a public staff comment is the tenant's first answer."""
    ticket = lock(ticket)
    if ticket.status == Ticket.Status.CLOSED:
        raise DomainError(_("This ticket is closed; it takes no more comments."), field="text")
    _check_photos(photos)
    text = (text or "").strip()
    if not text and not photos:
        _check_text(text, "text")
    if by.is_staff:
        if not may_see(by, ticket):
            raise PermissionDenied(_("You may not comment on this ticket."))
    else:
        membership = getattr(by, "tenant_membership", None)
        if membership is None or membership.tenant_id != ticket.tenant_id:
            raise PermissionDenied(_("You may not comment on this ticket."))
        public = True  # what a tenant writes is always on their timeline
    event = event_add(ticket, TicketEvent.Kind.COMMENT, by=by, public=public, text=text) if text else None
    photos_add(ticket, photos, by=by, public=public)
    if by.is_staff and public and ticket.first_answer_at is None:
        ticket.first_answer_at = timezone.now()
        ticket.save(update_fields=["first_answer_at", "updated_at"])
    return event
