"""Extensions of the fit-out schedule: the tenant (in the portal, or the front desk for it) asks to end the
works later; engineering approves, which moves the permit's end date and the validity of the worker passes,
or refuses. Works past their end date without an extension are flagged by the daily overdue sweep."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.wording import in_tenant_language
from tenancy.access import require_role

from ..models import Application, Extension
from ..permissions import APPLICANTS, ENGINEERS
from .common import application_lock, event_add, tenant_tell


def _require_tenant_or_desk(application: Application, by: User) -> None:
    """A portal user of the fit-out's tenant, or the front desk (management) asking for it."""
    if by.is_staff:
        require_role(by, APPLICANTS)
        return
    membership = getattr(by, "tenant_membership", None)
    if membership is None or membership.tenant_id != application.tenant_id:
        raise PermissionDenied


@transaction.atomic
def extension_request(*, application: Application, ends_on: date | None, reason: str, by: User) -> Extension:
    """Ask to end the works later: a new end after the current one, with a reason; one request at a time."""
    _require_tenant_or_desk(application, by)
    application = application_lock(application, Application.Status.WORKS)
    if ends_on is None:
        raise DomainError(_("Enter the new end of the works."), field="ends_on")
    if ends_on <= application.ends_on:
        raise DomainError(
            _("The new end must be after the current end of the works (%(end)s).")
            % {"end": application.ends_on.isoformat()},
            field="ends_on",
        )
    if not reason.strip():
        raise DomainError(_("Say why the works need more time."), field="reason")
    if application.extensions.filter(status=Extension.Status.PENDING).exists():
        raise DomainError(_("An extension is already waiting for engineering's decision."), field="ends_on")
    extension = Extension.objects.create(
        application=application,
        current_end=application.ends_on,
        requested_end=ends_on,
        reason=reason.strip(),
        requested_by=by,
    )
    event_add(
        application,
        gettext_noop("Extension to %(end)s asked for."),
        by,
        end=extension.requested_end.isoformat(),
    )
    return extension


@transaction.atomic
def extension_decide(*, application: Application, approve: bool, note: str, by: User) -> Extension:
    """Engineering decides the pending request: approved, the works and the worker passes end on the new date
    (passes revoked stay revoked); refused, a note says why. The tenant is told either way."""
    require_role(by, ENGINEERS)
    application = application_lock(application, Application.Status.WORKS)
    extension = application.extensions.select_for_update().filter(status=Extension.Status.PENDING).first()
    if extension is None:
        raise DomainError(_("No extension is waiting for a decision."))
    if not approve and not note.strip():
        raise DomainError(_("Say why the extension is refused."), field="note")
    Extension.LIFECYCLE.move(extension, Extension.Status.APPROVED if approve else Extension.Status.REFUSED)
    extension.decision_note, extension.decided_by, extension.decided_at = note.strip(), by, timezone.now()
    extension.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    end = extension.requested_end.isoformat()
    if approve:
        application.workers.filter(revoked_at__isnull=True, valid_until=application.ends_on).update(
            valid_until=extension.requested_end
        )
        application.ends_on, application.overdue_flagged_on = extension.requested_end, None
        application.save(update_fields=["ends_on", "overdue_flagged_on"])
        event_add(application, gettext_noop("Extension to %(end)s approved."), by, end=end)
    else:
        event_add(application, gettext_noop("Extension to %(end)s refused."), by, end=end)
    _tell(application, extension, by)
    return extension


def _tell(application: Application, extension: Extension, by: User) -> None:
    with in_tenant_language(application.tenant):  # the tenant's language, not the engineer's
        values = {"number": application.number, "end": extension.requested_end.isoformat()}
        if extension.status == Extension.Status.APPROVED:
            subject = _("Fit-out %(number)s: extension approved") % values
            body = (
                _("The works of fit-out %(number)s may go on until %(end)s; the worker passes follow.")
                % values
            )
        else:
            subject = _("Fit-out %(number)s: extension refused") % values
            body = _("The extension of fit-out %(number)s to %(end)s is refused: %(note)s") % {
                **values,
                "note": extension.decision_note,
            }
        if extension.decision_note and extension.status == Extension.Status.APPROVED:
            body = f"{body}\n{extension.decision_note}"
    tenant_tell(application, subject, body, by=by)
