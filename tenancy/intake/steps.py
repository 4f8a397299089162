"""The shape of the review chain: business first, then legal and finance in any order, then management."""

from django.utils import timezone

from documents.actors import User

from ..models import Application, ApplicationEvent, ReviewStep

Department = ReviewStep.Department

ORDER: tuple[str, ...] = (Department.BUSINESS, Department.LEGAL, Department.FINANCE, Department.MANAGEMENT)
PREREQUISITES: dict[str, tuple[str, ...]] = {
    Department.BUSINESS: (),
    Department.LEGAL: (Department.BUSINESS,),
    Department.FINANCE: (Department.BUSINESS,),
    Department.MANAGEMENT: (Department.BUSINESS, Department.LEGAL, Department.FINANCE),
}


def sync(application: Application) -> None:
    """Open every undecided step whose earlier steps are all approved; the others wait (call under lock)."""
    current = {step.department: step for step in application.steps.all()}
    approved = {d for d, step in current.items() if step.status == ReviewStep.Status.APPROVED}
    now = timezone.now()
    for department, step in current.items():
        if step.status not in (ReviewStep.Status.WAITING, ReviewStep.Status.OPEN):
            continue
        ready = set(PREREQUISITES[department]) <= approved
        if ready and step.status == ReviewStep.Status.WAITING:
            ReviewStep.LIFECYCLE.move(step, ReviewStep.Status.OPEN)
            step.opened_at = now
        elif not ready and step.status == ReviewStep.Status.OPEN:
            ReviewStep.LIFECYCLE.move(step, ReviewStep.Status.WAITING)
            step.opened_at = None
        else:
            continue
        step.save(update_fields=["status", "opened_at"])


def record(
    application: Application,
    kind: str,
    by: User | None,
    *,
    department: str = "",
    comment: str = "",
    comment_key: str = "",
    **params: str | int,
) -> ApplicationEvent:
    """A line of the timeline (anonymous applicants on the public page are recorded without a user).

    ``comment`` is what a person typed; ``comment_key`` a system comment, untranslated (``gettext_noop``)
    with its ``params`` apart, so that each reader reads it in their own language.
    """
    user = by if getattr(by, "is_authenticated", False) else None
    return ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        by=user,
        department=department,
        comment=comment,
        comment_key=comment_key,
        comment_params=params,
    )
