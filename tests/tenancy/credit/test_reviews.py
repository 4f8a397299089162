"""A grade drop raises a review for the business department, due in working days; the reward and penalty
history (奖惩档案) shows on the tenant page and the credit tab."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from tenancy.credit import services
from tenancy.models import CreditRecord, CreditReview
from tenancy.templatetags.workdays import calendar_missing_in
from tests.factories import TenantFactory

pytestmark = pytest.mark.django_db
_real_localdate = timezone.localdate


def _today(monkeypatch, day: date) -> None:
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: _real_localdate(value, tz) if value else day
    )


def _assess(tenant, by, score: int):
    return services.credit_assess(
        tenant=tenant, by=by, operations=score, finances=score, payments=score, reason="季度评估"
    )


def test_a_grade_drop_raises_a_review_due_in_working_days(business_manager, monkeypatch, settings):
    # given: Friday 25 Sep 2026, three working days to review; National Day closes 1–7 Oct 2026
    settings.CREDIT_DROP_REVIEW_WORKING_DAYS = 3
    _today(monkeypatch, date(2026, 9, 25))
    tenant = TenantFactory()
    _assess(tenant, business_manager, 90)
    # when
    dropped = _assess(tenant, business_manager, 50)
    # then: Mon 28, Tue 29, Wed 30 Sep
    review = CreditReview.objects.get()
    assert (review.assessment, review.status, review.due_date) == (dropped, "open", date(2026, 9, 30))


def test_a_better_or_first_grade_raises_no_review(business_manager):
    tenant = TenantFactory()
    _assess(tenant, business_manager, 50)
    _assess(tenant, business_manager, 90)
    assert not CreditReview.objects.exists()


def test_business_closes_the_review_with_its_outcome_others_may_not(
    business_manager, finance_manager, client
):
    # given
    tenant = TenantFactory()
    _assess(tenant, business_manager, 90)
    _assess(tenant, business_manager, 50)
    review = CreditReview.objects.get()
    # when / then
    with pytest.raises(DomainError):
        services.credit_review_close(review=review, outcome="看过了", by=finance_manager)
    client.force_login(business_manager)
    empty = client.post(reverse("tenancy:credit-review-close", args=[review.pk]), {"outcome": ""})
    assert empty.status_code == 302 and CreditReview.objects.get().status == "open"
    client.post(reverse("tenancy:credit-review-close", args=[review.pk]), {"outcome": "约谈，制定还款计划"})
    review.refresh_from_db()
    assert (review.status, review.outcome, review.done_by) == ("done", "约谈，制定还款计划", business_manager)


def test_the_open_reviews_are_listed_and_counted_in_business_assigned_to_me(client, business_manager):
    # given
    tenant = TenantFactory(name="降级公司")
    _assess(tenant, business_manager, 90)
    _assess(tenant, business_manager, 50)
    client.force_login(business_manager)
    # when
    listing = client.get(reverse("tenancy:credit-review-list")).content.decode()
    dashboard = client.get(reverse("dashboard")).content.decode()
    # then
    assert listing.count('data-testid="credit-review"') == 1 and "降级公司" in listing
    assert reverse("tenancy:credit-review-list") in dashboard


def test_the_tenant_page_credit_tab_and_dossier_show_the_reward_and_penalty_history(client, front_desk):
    # given
    tenant = TenantFactory()
    CreditRecord.objects.create(tenant=tenant, kind="reward", grade="A", reference="HT-1", note="九折续租")
    client.force_login(front_desk)
    # when
    detail = client.get(reverse("tenancy:tenant-detail", args=[tenant.pk])).content.decode()
    credit = client.get(reverse("tenancy:tenant-credit", args=[tenant.pk])).content.decode()
    dossier = client.get(reverse("archive:dossier", args=[tenant.pk])).content.decode()
    # then
    for page in (detail, credit, dossier):
        assert 'data-testid="credit-record" data-kind="reward"' in page and "九折续租" in page


def test_a_clock_list_meeting_a_missing_year_is_flagged():
    class Clock:
        due_at = timezone.make_aware(timezone.datetime(2027, 1, 4, 18))

    assert calendar_missing_in(date(2026, 12, 31), [(Clock(), "running")]).years == (2027,)
    assert calendar_missing_in(date(2026, 12, 1), [(Clock, "running")][:0]) is None
