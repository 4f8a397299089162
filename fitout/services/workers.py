"""Worker passes (施工人员出入证): only registered workers with a valid resident ID get one, valid within the
permit's dates; security checks a pass by its number (typed, or opened from the card's QR code)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from billing.suspension import suspension_refuse
from documents.actors import User
from documents.api.webhooks import webhook_emit
from documents.errors import DomainError
from documents.filetypes import sniff
from documents.kinds import PHOTO
from documents.models import WebhookEvent
from documents.services import document_number_next, document_render
from tenancy.access import require_role
from tenancy.validators import validate_resident_id

from ..document_kinds import WORKER_PASS
from ..models import Application, Worker
from ..permissions import GUARDS
from ..printing import PASS_TEMPLATE, pass_context, pass_title
from .charges import pass_charge
from .common import application_lock, event_add, upload

PASS_PREFIX = "SGZ"  # noqa: S105 -- a worker pass, not a password


def _is_picture(file: File) -> bool:
    file.seek(0)
    found = sniff(file.read(16))
    file.seek(0)
    return found is not None and found.content_type.startswith("image/")


@transaction.atomic
def worker_register(
    *, application: Application, name: str, id_number: str, trade: str, photo: File | None, by: User
) -> Worker:
    """Register a worker and print the pass card; refused without a name, a valid ID number or a photo. The
    building's pass fee is charged on the tenant's next bill."""
    require_role(by, GUARDS)
    application = application_lock(application, Application.Status.WORKS)
    suspension_refuse(tenant_id=application.tenant_id, action="worker_pass")
    if not name.strip():
        raise DomainError(_("Enter the worker's name."), field="name")
    if not id_number.strip():
        raise DomainError(_("A worker without a resident ID number gets no pass."), field="id_number")
    try:
        id_number = validate_resident_id(id_number)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="id_number") from None
    if application.workers.filter(id_number=id_number).exists():
        raise DomainError(_("This worker is registered for this fit-out already."), field="id_number")
    if not trade.strip():
        raise DomainError(_("Enter the worker's trade."), field="trade")
    if photo is None:
        raise DomainError(_("Add the worker's photo."), field="photo")
    if not _is_picture(photo):
        raise DomainError(_("The photo must be a JPEG or PNG picture."), field="photo")
    photo_document = upload(photo, kind=PHOTO, application=application, field="photo", by=by)
    today = timezone.localdate()
    worker = Worker.objects.create(
        application=application,
        name=name.strip(),
        id_number=id_number,
        trade=trade.strip(),
        photo_document_id=photo_document.pk,
        pass_number=document_number_next(prefix=PASS_PREFIX),
        valid_from=max(today, application.starts_on),
        valid_until=application.ends_on,
        created_by=by,
    )
    document = document_render(
        template=PASS_TEMPLATE,
        context=pass_context(worker, photo_document),
        kind=WORKER_PASS,
        title=pass_title(worker),
        tenant=application.tenant,
        about=application,
        by=by,
        number_prefix="SGZK",
    )
    worker.pass_document_id = document.pk
    worker.save(update_fields=["pass_document_id"])
    pass_charge(worker=worker, by=by, today=today)
    event_add(
        application,
        gettext_noop("Worker pass %(number)s issued to %(name)s."),
        by,
        number=worker.pass_number,
        name=worker.name,
    )
    return worker


@transaction.atomic
def worker_pass_revoke(*, worker: Worker, reason: str, by: User) -> Worker:
    """Security takes a pass back; from now on it checks as revoked."""
    require_role(by, GUARDS)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    if worker.revoked_at:
        raise DomainError(_("This pass is revoked already."))
    if not reason.strip():
        raise DomainError(_("Say why the pass is revoked."), field="reason")
    worker.revoked_at, worker.revoked_reason = timezone.now(), reason.strip()[:200]
    worker.save(update_fields=["revoked_at", "revoked_reason"])
    webhook_emit(
        WebhookEvent.PASS_REVOKED,
        {"pass": worker.pk, "number": worker.pass_number, "tenant": worker.application.tenant_id,
         "reason": worker.revoked_reason},
    )  # fmt: skip
    event_add(
        worker.application,
        gettext_noop("Worker pass %(number)s revoked: %(reason)s"),
        by,
        number=worker.pass_number,
        reason=worker.revoked_reason,
    )
    return worker


@dataclass(frozen=True)
class PassCheck:
    """What the gate sees: the verdict in one word, and the worker when the number is known."""

    verdict: str  # valid, expired, not_yet, revoked, unknown
    worker: Worker | None

    @property
    def is_valid(self) -> bool:
        return self.verdict == "valid"


def pass_status(worker: Worker, today: date) -> str:
    if worker.revoked_at:
        return "revoked"
    if today > worker.valid_until:
        return "expired"
    if today < worker.valid_from:
        return "not_yet"
    return "valid"


def pass_check(*, number: str, today: date | None = None) -> PassCheck:
    """Check a pass number at the gate: valid, expired, not yet valid, revoked, or unknown."""
    today = today or timezone.localdate()
    worker = (
        Worker.objects.select_related("application__tenant")
        .filter(pass_number=number.strip().upper())
        .first()
    )
    if worker is None:
        return PassCheck("unknown", None)
    return PassCheck(pass_status(worker, today), worker)
