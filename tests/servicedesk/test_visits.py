"""Tenant visits (走访): planned per tenant and quarter, recorded with an outcome; issues become tickets."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from servicedesk.models import TenantVisit, Ticket
from servicedesk.services.visits import visit_issue_ticket_create, visit_plan, visit_record
from tests.factories import TenantFactory

from .factories import CategoryFactory

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Every ``timezone.localdate()`` reads 2026-12-07 (Q4), whatever the clock says."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def planned(tenant, business_manager):
    return visit_plan(
        tenant=tenant, year=2026, quarter=4, planned_on=TODAY - timedelta(days=3), by=business_manager
    )


def test_a_visit_is_planned_once_per_tenant_and_quarter(planned, tenant, front_desk):
    with pytest.raises(DomainError) as refused:
        visit_plan(tenant=tenant, year=2026, quarter=4, planned_on=TODAY, by=front_desk)
    assert refused.value.field == "quarter"
    assert TenantVisit.objects.filter(tenant=tenant).count() == 1


def test_the_planned_day_falls_in_its_quarter(tenant, front_desk):
    with pytest.raises(DomainError) as refused:
        visit_plan(tenant=tenant, year=2027, quarter=1, planned_on=date(2027, 4, 2), by=front_desk)
    assert refused.value.field == "planned_on"


def test_an_engineer_does_not_plan_visits(tenant, engineer):
    with pytest.raises(PermissionDenied):
        visit_plan(tenant=tenant, year=2027, quarter=1, planned_on=date(2027, 1, 5), by=engineer)
    assert not TenantVisit.objects.exists()


def test_a_visit_without_outcome_is_refused_at_the_field(planned, business_manager):
    with pytest.raises(DomainError) as refused:
        visit_record(visit=planned, by=business_manager, visited_on=TODAY, outcome=" ", issues=["空调噪音"])
    assert refused.value.field == "outcome"
    planned.refresh_from_db()
    assert planned.status == TenantVisit.Status.PLANNED and not planned.issues.exists()


def test_a_recorded_visit_keeps_its_issues_and_an_issue_becomes_a_ticket(
    planned, business_manager, front_desk, leased_unit
):
    # given
    visit_record(
        visit=planned,
        by=business_manager,
        visited_on=TODAY,
        outcome="经营正常",
        issues=["空调噪音", " ", "停车位不足"],
    )
    issue = planned.issues.get(text="空调噪音")
    category = CategoryFactory()
    # when: business may not receive tickets, the front desk does and owns it
    with pytest.raises(PermissionDenied):
        visit_issue_ticket_create(
            issue=issue, by=business_manager, category=category, kind=Ticket.Kind.REPAIR
        )
    ticket = visit_issue_ticket_create(issue=issue, by=front_desk, category=category, kind=Ticket.Kind.REPAIR)
    # then
    assert planned.issues.count() == 2
    assert (ticket.channel, ticket.owner, ticket.tenant_id, ticket.unit) == (
        Ticket.Channel.VISIT,
        front_desk,
        planned.tenant_id,
        leased_unit,
    )
    issue.refresh_from_db()
    assert issue.ticket == ticket
    with pytest.raises(DomainError):
        visit_issue_ticket_create(issue=issue, by=front_desk, category=category, kind=Ticket.Kind.REPAIR)


def test_the_overdue_tab_lists_planned_visits_past_their_day(client, planned, other_tenant, business_manager):
    # given: one planned three days ago (overdue), one for today, one done
    ahead = visit_plan(tenant=other_tenant, year=2026, quarter=4, planned_on=TODAY, by=business_manager)
    done = visit_plan(
        tenant=TenantFactory(),
        year=2026,
        quarter=4,
        planned_on=TODAY - timedelta(days=9),
        by=business_manager,
    )
    visit_record(visit=done, by=business_manager, visited_on=TODAY, outcome="正常")
    client.force_login(business_manager)
    # when
    overdue = client.get(reverse("servicedesk:visit-list"), {"tab": "overdue"})
    due = client.get(reverse("servicedesk:visit-list"))
    recorded = client.get(reverse("servicedesk:visit-list"), {"tab": "done"})
    # then
    assert [v.pk for v in overdue.context["visits"]] == [planned.pk]
    assert overdue.context["overdue_count"] == 1
    assert [v.pk for v in due.context["visits"]] == [planned.pk, ahead.pk]
    assert [v.pk for v in recorded.context["visits"]] == [done.pk]


def test_the_record_form_keeps_what_was_typed_when_the_outcome_is_missing(client, planned, business_manager):
    client.force_login(business_manager)
    response = client.post(
        reverse("servicedesk:visit-detail", args=[planned.pk]),
        {"visited_on": "2026-12-01", "met": "张总", "outcome": "", "issues": "电梯等候时间长"},
    )
    assert response.status_code == 200
    assert "请填写走访结果" in " ".join(response.context["form"].errors["outcome"])
    assert "电梯等候时间长" in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == TenantVisit.Status.PLANNED


def test_the_plan_form_shows_a_duplicate_at_the_quarter(client, planned, tenant, front_desk):
    client.force_login(front_desk)
    response = client.post(
        reverse("servicedesk:visit-list"),
        {"tenant": tenant.pk, "quarter": "2026-4", "planned_on": "2026-12-20"},
    )
    assert response.status_code == 200
    assert "已安排" in " ".join(response.context["form"].errors["quarter"])
    assert TenantVisit.objects.filter(tenant=tenant).count() == 1
