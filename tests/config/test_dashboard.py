"""The dashboard counts every shown section's querysets in one statement, and each count is right."""

from datetime import timedelta

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from config.dashboard import ASSIGNED, SECTIONS, _compiled, count_all, section_cards
from handover import services as handover_services
from handover.models import Sheet
from leasing.models import Unit
from servicedesk.models import Ticket
from tenancy.credit.services import credit_reassessment_due
from tenancy.models import ReviewStep, Tenant
from tenancy.scope import building_ids
from tests.factories import TenantFactory
from tests.handover.factories import fill_acceptance, move_in_visit, sign, staff
from tests.leasing.factories import UnitFactory
from tests.servicedesk.factories import TicketFactory
from tests.tenancy.intake.factories import ApplicationFactory, assessment, open_step


def _queries_for(client, user) -> int:
    client.force_login(user)
    client.get(reverse("home"))  # the first request loads what is cached per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


def test_count_all_counts_plain_grouped_and_distinct_querysets_as_count_does(db, general_manager):
    # given
    TenantFactory.create_batch(3, status=Tenant.Status.ACTIVE)
    graded = TenantFactory(status=Tenant.Status.ACTIVE)
    assessment(graded, "B", general_manager)
    UnitFactory.create_batch(2, status=Unit.Status.VACANT)
    querysets = {
        "active": Tenant.objects.filter(status=Tenant.Status.ACTIVE),
        "due": credit_reassessment_due(today=graded.created_at.date()).values("pk"),
        "floors": Unit.objects.values("floor_id").distinct(),
        "none": Unit.objects.filter(status=Unit.Status.FIT_OUT),
        "per_status": Tenant.objects.values("status").annotate(n=Count("pk")),
    }
    # when
    with CaptureQueriesContext(connection) as captured:
        counts = count_all(querysets)
    # then
    assert len(captured) == 1
    per_status = counts.pop("per_status")
    assert counts == {name: queryset.count() for name, queryset in querysets.items() if name != "per_status"}
    assert per_status == {row["status"]: row["n"] for row in querysets["per_status"]} == {"active": 4}
    assert counts["active"] == 4 and counts["due"] == 3 and counts["none"] == 0


def test_every_section_is_counted_in_one_statement(db):
    # given
    application = ApplicationFactory()
    open_step(application, ReviewStep.Department.LEGAL)
    # when
    with CaptureQueriesContext(connection) as captured:
        sections = section_cards(list(SECTIONS))
    # then
    assert len(captured) == 1
    cards = {str(card["label"]): card["value"] for section in sections for card in section["cards"]}
    assert cards["待审核：法务部"] == 1 and cards["待审核：业务部"] == 0


def test_a_role_that_sees_every_section_costs_no_more_queries_than_one_that_sees_two(
    client, general_manager, engineer
):
    # given: management sees all six sections, engineering two
    # when / then
    assert _queries_for(client, general_manager) == _queries_for(client, engineer)


def test_a_fixed_section_compiles_to_the_same_sql_whatever_the_time_and_language(monkeypatch):
    # given: the SQL of each section marked fixed is compiled once per process, so it must not depend on when
    # or for whom it is compiled
    fixed = [section for section in SECTIONS if section.fixed]
    now = timezone.now()
    before = [_uncached_parts(section) for section in fixed]
    # when: a year later, in English
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(days=365, hours=5))
    with translation.override("en"):
        after = [_uncached_parts(section) for section in fixed]
    # then
    assert fixed and after == before


def _uncached_parts(section):
    return {name: _compiled(queryset) for name, queryset in section.counts().items()}


def _assigned_to_me(client, user) -> dict[str, int]:
    """The "assigned to me" section of the user's dashboard: each card's link and count."""
    client.force_login(user)
    section = client.get(reverse("dashboard")).context["sections"][0]
    assert section["title"] == ASSIGNED.title
    return {card["url"]: card["value"] for card in section["cards"]}


def _engineering_work(engineer, front_desk):
    """Two open tickets of the engineer, one closed and one of someone else; a move-in visit with its
    pre-inspections and a defect to rectify; an open meter-reading round."""
    TicketFactory.create_batch(2, assignee=engineer, status=Ticket.Status.ACKNOWLEDGED)
    TicketFactory(assignee=engineer, status=Ticket.Status.CLOSED)
    TicketFactory(assignee=front_desk, status=Ticket.Status.ACKNOWLEDGED)
    visit = move_in_visit()
    by = staff()
    fill_acceptance(visit, by)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    today = timezone.localdate()
    handover_services.round_open(building=visit.unit.building, month=today, by=engineer, today=today)


def test_engineering_sees_its_tickets_pre_inspections_rectifications_and_rounds(client, engineer, front_desk):
    # given
    _engineering_work(engineer, front_desk)
    # when
    cards = _assigned_to_me(client, engineer)
    # then
    assert cards == {
        reverse("servicedesk:ticket-list") + "?mine=open": 2,
        reverse("handover:visit-list") + "?pre_inspection=engineering": 1,
        reverse("handover:rectification-list"): 1,
        reverse("handover:rectification-list") + "?overdue=1": 0,  # not past its due date
        reverse("handover:round-list") + "?status=open": 1,
    }


def test_security_sees_its_own_pre_inspections_and_no_engineering_work(
    client, security_guard, engineer, front_desk
):
    # given
    _engineering_work(engineer, front_desk)
    # when
    cards = _assigned_to_me(client, security_guard)
    # then
    assert cards == {
        reverse("servicedesk:ticket-list") + "?mine=open": 0,
        reverse("handover:visit-list") + "?pre_inspection=security": 1,
    }


def test_a_reviewer_sees_the_steps_waiting_for_its_department(client, legal_manager):
    # given
    open_step(ApplicationFactory(), ReviewStep.Department.LEGAL)
    open_step(ApplicationFactory(), ReviewStep.Department.BUSINESS)
    # when
    cards = _assigned_to_me(client, legal_manager)
    # then
    assert cards == {
        reverse("servicedesk:ticket-list") + "?mine=open": 0,
        reverse("intake:queue", args=[ReviewStep.Department.LEGAL]): 1,
    }


def test_the_my_tickets_link_lists_the_tickets_it_counts(client, engineer, front_desk):
    # given
    _engineering_work(engineer, front_desk)
    owned = TicketFactory(owner=front_desk, status=Ticket.Status.IN_PROGRESS)
    client.force_login(front_desk)
    # when
    table = client.get(reverse("servicedesk:ticket-list"), {"mine": "open"}).context["table"]
    # then
    assert [row.record for row in table.rows] == [owned, Ticket.objects.get(assignee=front_desk)]
    assert _assigned_to_me(client, front_desk)[reverse("servicedesk:ticket-list") + "?mine=open"] == 2


def test_the_assigned_section_costs_no_query_of_its_own(client, engineer, front_desk):
    # given
    empty = _queries_for(client, engineer)
    _engineering_work(engineer, front_desk)
    # when
    full = _queries_for(client, engineer)
    # then
    assert full == empty
    building_ids(engineer)  # the user's buildings are read once per request, whatever the page shows
    with CaptureQueriesContext(connection) as captured:
        section_cards([ASSIGNED, *SECTIONS], engineer)
    assert len(captured) == 1
