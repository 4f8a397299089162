"""What every ticket service shares: the row lock, the timeline entry, the status move and photos."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.api.webhooks import webhook_emit
from documents.errors import DomainError
from documents.filetypes import check_image_pixels, sniff
from documents.kinds import PHOTO
from documents.models import WebhookEvent
from documents.services import document_upload
from documents.wording import in_tenant_language

from ..models import Ticket, TicketEvent

IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})


def lock(ticket: Ticket) -> Ticket:
    """The ticket re-read under a row lock, for a service that changes it."""
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def event_add(
    ticket: Ticket,
    kind: str,
    *,
    by: User,
    public: bool = False,
    text: str = "",
    status_from: str = "",
    status_to: str = "",
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> TicketEvent:
    webhook_emit(
        WebhookEvent.TICKET_CHANGED,
        {"ticket": ticket.pk, "reference": ticket.reference, "tenant": ticket.tenant_id, "event": kind,
         "status": ticket.status},
    )  # fmt: skip
    return TicketEvent.objects.create(
        data=data or {},
        ticket=ticket,
        kind=kind,
        by=by,
        public=public,
        text=text,
        status_from=status_from,
        status_to=status_to,
        created_at=at or timezone.now(),
    )


def status_move(
    ticket: Ticket,
    to: str,
    *,
    kind: str,
    by: User,
    public: bool = True,
    text: str = "",
    data: dict[str, Any] | None = None,
    via: str = "",
) -> TicketEvent:
    """Move a locked ticket along the pipeline, refusing moves it does not allow; the caller saves it.

    With ``via`` the ticket passes through that status on its way, as one step of the timeline; both moves
    must be allowed.
    """
    before = ticket.status
    for step in (via, to) if via else (to,):
        Ticket.LIFECYCLE.move(ticket, step)
    return event_add(
        ticket, kind, by=by, public=public, text=text, status_from=before, status_to=to, data=data
    )


def photo_check(file: File) -> None:
    """A JPEG or PNG (told by its bytes) within ``SERVICE_PHOTO_MAX_BYTES``, else a ValidationError."""
    limit = settings.SERVICE_PHOTO_MAX_BYTES
    if not file.size:
        raise ValidationError(_("The photo “%(name)s” is empty.") % {"name": file.name}, code="empty")
    if file.size > limit:
        raise ValidationError(
            _("The photo “%(name)s” is too large (%(size)s); the limit is %(limit)s.")
            % {"name": file.name, "size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    file.seek(0)
    file_type = sniff(file.read(16))
    file.seek(0)
    if file_type is None or file_type.content_type not in IMAGE_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a photo: please upload JPEG or PNG images.") % {"name": file.name},
            code="not_an_image",
        )
    check_image_pixels(file)


def photos_add(ticket: Ticket, photos: Iterable[File], *, by: User, public: bool) -> list[TicketEvent]:
    """Store each photo as a document about its own timeline entry; public ones are filed under the tenant."""
    events = []
    for photo in photos:
        try:
            photo_check(photo)
        except ValidationError as error:
            raise DomainError(error.messages[0], field="photos") from error
        event = event_add(ticket, TicketEvent.Kind.PHOTO, by=by, public=public)
        with in_tenant_language(ticket.tenant if public else None):  # a photo the tenant sees: its language
            title = _("Photo for %(ticket)s") % {"ticket": ticket.reference}
        document_upload(
            file=photo,
            kind=PHOTO,
            # Internal photos belong to no tenant, so the tenant can never fetch them.
            tenant=ticket.tenant if public else None,
            about=event,
            by=by,
            visible_to_tenant=public,
            title=title,
        )
        events.append(event)
    return events
