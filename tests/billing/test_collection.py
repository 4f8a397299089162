"""The arrears file: a case per tenant in arrears, contacts with promises (a missed one raises the case),
payment plans, and management's decision on a recommendation to terminate."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from billing import collection_selectors
from billing.models import CollectionCase, PaymentPlan, PaymentPromise, TerminationRecommendation
from billing.selectors import bill_outstanding
from billing.services.arrears import dunning_run
from billing.services.collection import ContactInput, collection_contact_log, payment_plan_grant
from billing.services.collection_clock import collection_clock
from billing.services.recommendations import DecisionInput, recommendation_decide
from documents.errors import DomainError
from leasing.models import LeaseTermination
from tests.billing.factories import ISSUED_AHEAD, active_lease, issued_bill, pay
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 5)  # the March bill's due date


@pytest.fixture
def bill(document_root, tenant):
    """A March bill 60 days overdue: dunned up to the recommendation to terminate; the clock has run."""
    bill = issued_bill(active_lease(tenant=tenant), today=ISSUED_AHEAD)
    assert bill.due_date == DUE
    dunning_run(today=DUE + timedelta(days=60))
    collection_clock(today=DUE + timedelta(days=60))
    return bill


def case_of(bill) -> CollectionCase:
    return CollectionCase.objects.get(tenant_id=bill.tenant_id)


def call(**overrides) -> ContactInput:
    values = {
        "kind": "call",
        "contacted_on": DUE + timedelta(days=60),
        "outcome": "promised",
        "person": "李总",
    }
    return ContactInput(**{**values, **overrides})


def test_the_clock_opens_one_case_per_tenant_in_arrears_and_a_decision_for_the_recommendation(bill):
    # then: one open case, one recommendation waiting
    case = case_of(bill)
    assert case.status == CollectionCase.Status.OPEN
    recommendation = TerminationRecommendation.objects.get()
    assert (recommendation.case, recommendation.lease_id, recommendation.status) == (
        case,
        bill.lease_id,
        "pending",
    )
    # when: the clock runs again the same day, nothing changes
    assert set(collection_clock(today=DUE + timedelta(days=60)).values()) == {0}
    assert CollectionCase.objects.count() == 1 and TerminationRecommendation.objects.count() == 1


def test_a_promise_in_the_past_is_refused_at_its_field(bill, front_desk):
    # when / then
    today = DUE + timedelta(days=60)
    with pytest.raises(DomainError) as error:
        collection_contact_log(
            case=case_of(bill),
            data=call(promised_on=today - timedelta(days=1), promise_amount=Decimal("500")),
            by=front_desk,
            today=today,
        )
    assert error.value.field == "promised_on"
    assert not case_of(bill).contacts.exists() and not PaymentPromise.objects.exists()


def test_a_missed_promise_raises_its_case_once(bill, front_desk):
    # given: on day 60 the tenant promises 500 by day 65
    today = DUE + timedelta(days=60)
    promised_on = today + timedelta(days=5)
    data = call(promised_on=promised_on, promise_amount=Decimal("500"))
    collection_contact_log(case=case_of(bill), data=data, by=front_desk, today=today)
    # when: the promised day itself is not missed yet
    collection_clock(today=promised_on)
    assert PaymentPromise.objects.get().status == PaymentPromise.Status.OPEN
    # when: the day after, nothing paid
    collection_clock(today=promised_on + timedelta(days=1))
    # then
    promise = PaymentPromise.objects.get()
    case = case_of(bill)
    assert promise.status == PaymentPromise.Status.MISSED
    assert case.status == CollectionCase.Status.RAISED and "500.00" in case.raised_reason
    assert case.raised_on == promised_on + timedelta(days=1)
    # when: again, nothing more
    events = case.events.count()
    collection_clock(today=promised_on + timedelta(days=2))
    assert case.events.count() == events


def test_a_promise_paid_in_time_is_kept_and_the_paid_case_closes(bill, front_desk, finance_manager):
    # given
    today = DUE + timedelta(days=60)
    data = call(promised_on=today + timedelta(days=5), promise_amount=bill_outstanding(bill))
    collection_contact_log(case=case_of(bill), data=data, by=front_desk, today=today)
    # when: paid in full two days later
    pay(bill.tenant, bill_outstanding(bill), by=finance_manager, on=today + timedelta(days=2))
    collection_clock(today=today + timedelta(days=3))
    # then
    assert PaymentPromise.objects.get().status == PaymentPromise.Status.KEPT
    case = case_of(bill)
    assert case.status == CollectionCase.Status.CLOSED
    assert TerminationRecommendation.objects.get().status == TerminationRecommendation.Status.LAPSED


def test_a_plan_is_split_into_monthly_instalments_and_broken_when_payments_fall_behind(bill, finance_manager):
    # given
    today = DUE + timedelta(days=60)
    plan = payment_plan_grant(
        case=case_of(bill),
        total="1000.00",
        count=3,
        first_due=today + timedelta(days=10),
        by=finance_manager,
        today=today,
    )
    # then
    instalments = list(plan.instalments.values_list("due_on", "amount"))
    assert [amount for _, amount in instalments] == [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]
    assert [due_on for due_on, _ in instalments] == [date(2026, 5, 14), date(2026, 6, 14), date(2026, 7, 14)]
    # when: the first instalment's day passes with 100 paid
    pay(bill.tenant, "100", by=finance_manager, on=today + timedelta(days=5))
    collection_clock(today=today + timedelta(days=11))
    # then
    assert PaymentPlan.objects.get().status == PaymentPlan.Status.BROKEN
    assert case_of(bill).status == CollectionCase.Status.RAISED


def test_the_front_desk_logs_contacts_but_grants_no_plan(bill, front_desk):
    with pytest.raises(PermissionDenied):
        payment_plan_grant(
            case=case_of(bill), total="100", count=1, first_due=date(2026, 12, 31), by=front_desk
        )
    collection_contact_log(
        case=case_of(bill), data=call(outcome="no_answer"), by=front_desk, today=DUE + timedelta(days=60)
    )
    assert case_of(bill).contacts.count() == 1


def test_management_decides_to_wait_and_the_decision_is_due_again_after_the_date(bill, general_manager):
    # given
    recommendation = TerminationRecommendation.objects.get()
    today = DUE + timedelta(days=61)
    # when
    data = DecisionInput(decision="wait", reason="租户承诺下月补缴", wait_until=today + timedelta(days=14))
    recommendation_decide(recommendation=recommendation, data=data, by=general_manager, today=today)
    # then: not on the dashboard while waiting; back when the date comes
    assert not collection_selectors.undecided().exists()
    collection_clock(today=today + timedelta(days=13))
    assert not collection_selectors.undecided().exists()
    collection_clock(today=today + timedelta(days=14))
    assert collection_selectors.undecided().get() == recommendation


def test_a_wait_needs_a_date_after_today(bill, general_manager):
    recommendation = TerminationRecommendation.objects.get()
    today = DUE + timedelta(days=61)
    with pytest.raises(DomainError) as error:
        recommendation_decide(
            recommendation=recommendation,
            data=DecisionInput(decision="wait", reason="r", wait_until=today),
            by=general_manager,
            today=today,
        )
    assert error.value.field == "wait_until"
    assert TerminationRecommendation.objects.get().status == "pending"


def test_management_decides_to_terminate_which_proposes_the_lease_termination(
    bill, general_manager, finance_manager
):
    # given
    recommendation = TerminationRecommendation.objects.get()
    today = DUE + timedelta(days=61)
    data = DecisionInput(
        decision="terminate", reason="欠费逾期60天", effective_date=today + timedelta(days=30)
    )
    # when / then: only management decides
    with pytest.raises(PermissionDenied):
        recommendation_decide(recommendation=recommendation, data=data, by=finance_manager, today=today)
    recommendation = recommendation_decide(
        recommendation=recommendation, data=data, by=general_manager, today=today
    )
    # then
    termination = LeaseTermination.objects.get(lease_id=bill.lease_id)
    assert (termination.grounds, termination.status) == ("arrears", LeaseTermination.Status.PROPOSED)
    assert recommendation.termination == termination and recommendation.status == "terminate"


def test_management_grants_a_payment_plan_instead(bill, general_manager):
    recommendation = TerminationRecommendation.objects.get()
    today = DUE + timedelta(days=61)
    data = DecisionInput(
        decision="plan",
        reason="分三期",
        plan_total="3000",
        plan_count=3,
        plan_first_due=today + timedelta(days=7),
    )
    recommendation_decide(recommendation=recommendation, data=data, by=general_manager, today=today)
    assert TerminationRecommendation.objects.get().status == "plan"
    assert case_of(bill).plans.get().instalments.count() == 3


def test_the_dashboard_shows_the_undecided_recommendations_with_their_age(
    bill, client, general_manager, monkeypatch
):
    # given: made on the day of the termination stage (day 60), seen on day 72
    today = DUE + timedelta(days=72)
    monkeypatch.setattr(collection_selectors, "timezone", SimpleNamespace(localdate=lambda: today))
    client.force_login(general_manager)
    # when
    page = client.get(reverse("dashboard")).content.decode()
    # then
    assert "Termination decisions waiting (oldest 12 days)" in page


def test_a_promise_in_the_past_at_the_counter_is_shown_at_its_field_and_nothing_is_lost(
    bill, client, front_desk
):
    # given
    client.force_login(front_desk)
    url = reverse("billing:collection-contact", args=[case_of(bill).pk])
    # when
    response = client.post(
        url,
        {
            "kind": "call",
            "contacted_on": "2026-12-07",
            "person": "王会计",
            "outcome": "promised",
            "promised_on": "2026-12-01",
            "promise_amount": "4500.00",
            "note": "答应月底前付清",
        },
    )
    # then
    assert response.status_code == 400
    form = response.context["contact_form"]
    assert "promised_on" in form.errors and "in the past" in form.errors["promised_on"][0]
    page = response.content.decode()
    assert "王会计" in page and "4500.00" in page and "答应月底前付清" in page
    assert not case_of(bill).contacts.exists()


def test_the_case_page_shows_the_arrears_to_the_front_desk_and_business(
    bill, client, front_desk, business_manager
):
    for user in (front_desk, business_manager):
        client.force_login(user)
        page = client.get(reverse("billing:collection-detail", args=[case_of(bill).pk])).content.decode()
        assert bill.number in page and 'data-testid="contact-form"' in page
        assert 'data-testid="plan-form"' not in page
        listing = client.get(reverse("billing:collection-list")).content.decode()
        assert bill.tenant.name in listing


def test_management_decides_on_the_page_and_a_missing_date_is_shown_at_its_field(
    bill, client, general_manager
):
    # given
    recommendation = TerminationRecommendation.objects.get()
    url = reverse("billing:recommendation-decide", args=[recommendation.pk])
    client.force_login(general_manager)
    # when: a wait without a date
    response = client.post(url, {"decision": "wait", "reason": "租户资金周转中"})
    # then: refused at the date, the reason kept
    assert response.status_code == 400
    assert "wait_until" in response.context["form"].errors and "租户资金周转中" in response.content.decode()
    assert TerminationRecommendation.objects.get().status == "pending"
    # when: with a date
    response = client.post(url, {"decision": "wait", "reason": "租户资金周转中", "wait_until": "2027-01-15"})
    # then
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.wait_until) == ("wait", date(2027, 1, 15))
