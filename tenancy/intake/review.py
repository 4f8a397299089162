"""The review chain's verbs: a department approves its step, rejects the application, or returns it.

Separation of duties: only the department's role decides its step, and whoever entered the application cannot
review it. The application row is locked first, so two people deciding at the same moment produce one
decision: the second finds the step no longer open and is told so.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import AnyUser, User
from documents.errors import DomainError

from ..access import has_role
from ..models import Application, ApplicationEvent, ReviewStep
from . import decision, steps
from .services import application_fingerprint


def review_approve(*, application: Application, department: str, by: User, comment: str = "") -> Application:
    """The department approves its step; the next steps open; management's approval admits the applicant."""
    with transaction.atomic():
        application, step = _locked_step(application, department, by)
        _decide(step, ReviewStep.Status.APPROVED, by, comment.strip())
        step.approved_fingerprint = application_fingerprint(application)
        step.save(update_fields=["approved_fingerprint"])
        steps.record(application, ApplicationEvent.Kind.APPROVED, by, department=department, comment=comment)
        if department == ReviewStep.Department.MANAGEMENT:
            decision.application_admit(application=application, by=by)
        else:
            steps.sync(application)
    return application


def review_reject(*, application: Application, department: str, by: User, reason: str) -> Application:
    """The department rejects: the application ends, with the reason, and the applicant is told."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("A rejection needs a reason."), field="comment")
    with transaction.atomic():
        application, step = _locked_step(application, department, by)
        _decide(step, ReviewStep.Status.REJECTED, by, reason)
        undecided = ReviewStep.LIFECYCLE.movable(application.steps.all(), ReviewStep.Status.CLOSED)
        undecided.update(status=ReviewStep.Status.CLOSED, opened_at=None)
        Application.LIFECYCLE.move(application, Application.Status.REJECTED)
        application.decided_at = timezone.now()
        application.decision_reason = reason
        application.save(update_fields=["status", "decided_at", "decision_reason", "updated_at"])
        steps.record(application, ApplicationEvent.Kind.REJECTED, by, department=department, comment=reason)
        decision.applicant_tell_rejected(application=application, by=by)
    return application


def review_return(*, application: Application, department: str, by: User, needed: str) -> Application:
    """The department asks for more information: the applicant updates and resubmits; review resumes here."""
    needed = needed.strip()
    if not needed:
        raise DomainError(_("Say what information is needed."), field="comment")
    with transaction.atomic():
        application, step = _locked_step(application, department, by)
        _decide(step, ReviewStep.Status.RETURNED, by, needed)
        Application.LIFECYCLE.move(application, Application.Status.RETURNED)
        application.save(update_fields=["status", "updated_at"])
        steps.record(application, ApplicationEvent.Kind.RETURNED, by, department=department, comment=needed)
        decision.applicant_tell_returned(application=application, needed=needed, by=by)
    return application


def may_decide(*, application: Application, department: str, user: AnyUser) -> bool:
    """Whether ``user`` may decide this department's step (role, separation of duties; not the state)."""
    return has_role(user, (department,)) and application.entered_by_id != user.pk


def _locked_step(application: Application, department: str, by: User) -> tuple[Application, ReviewStep]:
    if department not in steps.ORDER:
        raise DomainError(_("There is no such review step."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not has_role(by, (department,)):
        raise DomainError(
            _("Only the %(d)s decides this step.") % {"d": ReviewStep.Department(department).label}
        )
    if application.entered_by_id == by.pk:
        raise DomainError(_("You entered this application, so someone else must review it."))
    step = application.steps.select_for_update().get(department=department)
    if application.status != Application.Status.IN_REVIEW or step.status != ReviewStep.Status.OPEN:
        raise DomainError(
            _("This step is not awaiting a decision (the application is %(a)s, the step %(s)s).")
            % {"a": application.get_status_display(), "s": step.get_status_display()}
        )
    return application, step


def _decide(step: ReviewStep, status: str, by: User, comment: str) -> None:
    ReviewStep.LIFECYCLE.move(step, status)
    step.decided_by = by
    step.decided_at = timezone.now()
    step.comment = comment
    step.save(update_fields=["status", "decided_by", "decided_at", "comment"])
