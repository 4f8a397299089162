"""Legal reviews every lease draft (new or renewal) and every amendment changing rent or term before signing:
approve, or return with comments the drafter sees; an edit after approval needs a new approval."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents.errors import DomainError
from leasing.leases.amendments import amendment_create, amendment_sign
from leasing.leases.reviews import review_approve, review_return
from leasing.leases.services import lease_update
from leasing.leases.signing import lease_sign
from leasing.models import Lease, LeaseEvent, LegalReview
from tests.leasing.lease_factories import (  # noqa: F401 (the document_root fixture)
    building_with_units,
    business_user,
    document_root_fixture,
    draft_lease,
    lease_in,
    legal_approve,
    terms,
)

pytestmark = pytest.mark.django_db


def _sign(lease, by=None):
    return lease_sign(lease=lease, staff_signer="王经理", tenant_signer="张三", by=by or business_user())


def test_a_new_draft_waits_for_legal_and_cannot_be_signed(document_root):
    # given
    lease = draft_lease(approved=False)
    # when / then
    assert lease.legal_reviews.get().status == LegalReview.Status.PENDING
    with pytest.raises(DomainError):
        _sign(lease)
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.DRAFT


def test_an_approved_draft_is_signed(document_root, legal_manager):
    # given
    lease = draft_lease(approved=False)
    review_approve(review=lease.legal_reviews.get(), by=legal_manager)
    # when
    signed = _sign(lease)
    # then
    assert signed.status == Lease.Status.SIGNED
    assert lease.events.filter(kind=LeaseEvent.Kind.LEGAL_APPROVED, by=legal_manager).exists()


def test_an_edit_after_approval_needs_a_new_approval(document_root, business_manager):
    # given
    lease = draft_lease()  # approved by legal
    units = list(lease.units.all())
    # when
    lease_update(lease=lease, tenant=lease.tenant, units=units, terms=terms(rent_rate=Decimal("9.00")),
                 by=business_manager)  # fmt: skip
    # then
    statuses = list(lease.legal_reviews.order_by("pk").values_list("status", flat=True))
    assert statuses == [LegalReview.Status.SUPERSEDED, LegalReview.Status.PENDING]
    with pytest.raises(DomainError):
        _sign(lease)


def test_legal_returns_with_comments_the_drafter_sees(client, business_manager, legal_manager):
    # given
    lease = draft_lease(approved=False)
    # when
    review_return(review=lease.legal_reviews.get(), by=legal_manager, comments="第5条违约金过高，请修改")
    # then
    client.force_login(business_manager)
    page = client.get(reverse("leasing:lease-detail", args=[lease.pk])).content.decode()
    assert 'data-status="returned"' in page and "第5条违约金过高，请修改" in page


def test_a_return_needs_comments_and_only_legal_decides(legal_manager, business_manager, general_manager):
    # given
    review = draft_lease(approved=False).legal_reviews.get()
    # when / then
    with pytest.raises(DomainError) as error:
        review_return(review=review, by=legal_manager, comments=" ")
    assert error.value.field == "comments"
    for user in (business_manager, general_manager):
        with pytest.raises(PermissionDenied):
            review_approve(review=review, by=user)
    review.refresh_from_db()
    assert review.status == LegalReview.Status.PENDING


def test_a_decided_review_cannot_be_decided_again(legal_manager):
    # given
    review = draft_lease(approved=False).legal_reviews.get()
    review_return(review=review, by=legal_manager, comments="请补充")
    # when / then
    with pytest.raises(DomainError):
        review_approve(review=review, by=legal_manager)


def test_an_amendment_of_rent_or_term_needs_legal_and_one_of_units_alone_does_not(document_root):
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    by = business_user()
    rent = amendment_create(lease=lease, effective_date=date(2026, 7, 1), reason="调租",
                            rent_rate=Decimal("8.00"), by=by)  # fmt: skip
    # when / then
    assert rent.legal_reviews.get().status == LegalReview.Status.PENDING
    with pytest.raises(DomainError):
        amendment_sign(amendment=rent, staff_signer="王经理", tenant_signer="张三", by=by)
    legal_approve(lease, rent)
    signed = amendment_sign(amendment=rent, staff_signer="王经理", tenant_signer="张三", by=by)
    assert signed.status == "signed"


def test_legal_sees_the_waiting_drafts_in_its_queue_and_approves_one(client, legal_manager):
    # given
    waiting = draft_lease(approved=False)
    approved = draft_lease()
    client.force_login(legal_manager)
    # when
    queue = client.get(reverse("leasing:legal-review-list")).content.decode()
    home = client.get(reverse("leasing:lease-list")).content.decode()
    review = waiting.legal_reviews.get()
    response = client.post(reverse("leasing:legal-review-decide", args=[review.pk]), {"decision": "approve"})
    # then
    assert waiting.number in queue and approved.number not in queue
    assert reverse("leasing:legal-review-list") in home  # in legal's menu
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.decided_by) == (LegalReview.Status.APPROVED, legal_manager)


def test_a_return_without_comments_is_shown_at_the_field(client, legal_manager):
    # given
    review = draft_lease(approved=False).legal_reviews.get()
    client.force_login(legal_manager)
    # when
    response = client.post(reverse("leasing:legal-review-decide", args=[review.pk]), {"decision": "return"})
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["comments"]
    review.refresh_from_db()
    assert review.status == LegalReview.Status.PENDING
