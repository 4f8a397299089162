"""Legal's review of lease drafts: every new lease or renewal draft, and every amendment changing the rent or
the term, is put before legal; signing is refused until legal approved the current draft (an edit supersedes
the approval and asks again). Legal approves, or returns the draft with comments the drafter reads."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import Amendment, Lease, LeaseEvent, LegalReview
from .services import event_add

# Who decides a review: the legal department.
LEGAL_REVIEWERS: tuple[str, ...] = (Role.LEGAL,)
LIVE = (LegalReview.Status.PENDING, LegalReview.Status.APPROVED)


def amendment_needs_review(amendment: Amendment) -> bool:
    """An amendment changing the rent or the term goes before legal (units or fee alone do not)."""
    return amendment.rent_rate is not None or amendment.end_date is not None


def review_request(*, lease: Lease, by: User | None, amendment: Amendment | None = None) -> LegalReview:
    """Put the current draft before legal; an earlier review of the same draft is superseded."""
    earlier = LegalReview.objects.select_for_update().filter(
        lease=lease, amendment=amendment, status__in=LIVE
    )
    LegalReview.LIFECYCLE.movable(earlier, LegalReview.Status.SUPERSEDED).update(
        status=LegalReview.Status.SUPERSEDED
    )
    return LegalReview.objects.create(lease=lease, amendment=amendment, requested_by=by)


def _decide(review: LegalReview, to: str, comments: str, by: User) -> LegalReview:
    require_role(by, LEGAL_REVIEWERS, _("Only the legal department reviews lease drafts."))
    review = LegalReview.objects.select_for_update().get(pk=review.pk)
    LegalReview.LIFECYCLE.move(review, to)
    review.comments, review.decided_by, review.decided_at = comments.strip(), by, timezone.now()
    review.save(update_fields=["status", "comments", "decided_by", "decided_at"])
    return review


@transaction.atomic
def review_approve(*, review: LegalReview, by: User, comments: str = "") -> LegalReview:
    """Legal approves the draft as it stands: it may now be signed."""
    review = _decide(review, LegalReview.Status.APPROVED, comments, by)
    event_add(review.lease, LeaseEvent.Kind.LEGAL_APPROVED, by, comments.strip())
    return review


@transaction.atomic
def review_return(*, review: LegalReview, by: User, comments: str) -> LegalReview:
    """Legal returns the draft with comments; the drafter changes it, which asks legal again."""
    if not comments.strip():
        raise DomainError(_("Say what must change in the draft."), field="comments")
    review = _decide(review, LegalReview.Status.RETURNED, comments, by)
    event_add(review.lease, LeaseEvent.Kind.LEGAL_RETURNED, by, comments.strip())
    return review


def review_latest(lease: Lease, amendment: Amendment | None = None) -> LegalReview | None:
    """The review of the draft as it stands now (the latest asked), or None."""
    return (
        LegalReview.objects.filter(lease=lease, amendment=amendment)
        .exclude(status=LegalReview.Status.SUPERSEDED)
        .select_related("decided_by")
        .first()
    )


def review_check_before_signing(lease: Lease, amendment: Amendment | None = None) -> None:
    """Signing needs legal's approval of the current draft."""
    if amendment is not None and not amendment_needs_review(amendment):
        return
    review = review_latest(lease, amendment)
    if review is None or review.status != LegalReview.Status.APPROVED:
        raise DomainError(
            _("Legal has not approved this draft yet (%(status)s): it cannot be signed.")
            % {"status": review.get_status_display() if review else _("not put before legal")}
        )


def reviews_waiting() -> Any:
    """Legal's queue: drafts (leases, renewals, amendments) waiting for a decision, oldest first."""
    drafts = Q(amendment__isnull=True, lease__status=Lease.Status.DRAFT) | Q(
        amendment__status=Amendment.Status.DRAFT
    )
    return (
        LegalReview.objects.filter(drafts, status=LegalReview.Status.PENDING)
        .select_related("lease__tenant", "lease__previous", "amendment", "requested_by")
        .order_by("requested_at", "pk")
    )
