"""Engineering reviews the drawings of a round: comments per drawing, an opinion (图纸审核意见书) as PDF, and
either the changes required (the tenant resubmits) or approval."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.services import document_render
from documents.wording import in_tenant_language
from tenancy.access import require_role

from ..document_kinds import DRAWING_REVIEW
from ..models import Application, DrawingComment, Review
from ..permissions import ENGINEERS
from ..printing import REVIEW_TEMPLATE, review_context, review_title
from .common import application_lock, event_add, tenant_tell


@transaction.atomic
def review_record(
    *,
    application: Application,
    verdict: str,
    opinion: str,
    required_changes: str = "",
    comments: dict[int, str] | None = None,
    by: User,
) -> Review:
    """Record the round's review and print its opinion; changes required send the drawings back."""
    require_role(by, ENGINEERS)
    application = application_lock(application, Application.Status.SUBMITTED)
    if verdict not in Review.Verdict.values:
        raise DomainError(_("Choose the verdict."), field="verdict")
    if not opinion.strip():
        raise DomainError(_("Write the review opinion."), field="opinion")
    if verdict == Review.Verdict.CHANGES and not required_changes.strip():
        raise DomainError(_("Say which changes are required."), field="required_changes")
    review = Review.objects.create(
        application=application,
        review_round=application.review_round,
        verdict=verdict,
        opinion=opinion.strip(),
        required_changes=required_changes.strip(),
        by=by,
    )
    drawings = {d.pk: d for d in application.drawings.filter(review_round=application.review_round)}
    for drawing_id, text in (comments or {}).items():
        if text.strip() and drawing_id in drawings:
            DrawingComment.objects.create(review=review, drawing=drawings[drawing_id], text=text.strip())
    document = document_render(
        template=REVIEW_TEMPLATE,
        context=review_context(review),
        kind=DRAWING_REVIEW,
        title=review_title(review),
        tenant=application.tenant,
        about=application,
        by=by,
        number_prefix="TSYJ",
    )
    review.document_id = document.pk
    review.save(update_fields=["document_id"])
    approved = verdict == Review.Verdict.APPROVED
    verdict_status = Application.Status.APPROVED if approved else Application.Status.CHANGES
    Application.LIFECYCLE.move(application, verdict_status)
    application.save(update_fields=["status"])
    done = (
        gettext_noop("Review round %(n)d: approved.")
        if approved
        else gettext_noop("Review round %(n)d: changes required.")
    )
    event_add(application, done, by, n=review.review_round)
    with in_tenant_language(application.tenant):  # the tenant's language, not the reviewer's
        tenant_tell(
            application,
            _("Drawing review opinion %(number)s") % {"number": application.number},
            _review_body(review, approved),
            document=document,
            by=by,
        )
    return review


def _review_body(review: Review, approved: bool) -> str:
    if approved:
        return _("Your fit-out drawings are approved.")
    return _(
        "Your fit-out drawings need changes:\n%(changes)s\nPlease upload revised drawings in the portal."
    ) % {"changes": review.required_changes}
