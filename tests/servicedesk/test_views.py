"""Staff pages at work: receiving with photos, bad input at its field, the list's filters and query count,
the ticket page's clocks and timeline, the analysis and its CSV."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from servicedesk import services
from servicedesk.models import Ticket, TicketEvent
from tenancy.roles import Role
from tests.leasing.factories import UnitFactory

from .factories import TicketFactory, big_png, pdf, png


def _form_data(category, unit, **overrides):
    data = {
        "channel": "phone",
        "kind": "repair",
        "urgency": "normal",
        "category": category.pk,
        "unit": unit.pk,
        "description": "会议室空调漏水",
        "contact_name": "王经理",
        "contact_phone": "13900000000",
    }
    return {**data, **overrides}


def test_front_desk_receives_a_ticket_with_photos_and_owns_it(client, front_desk, category, unit, tenant):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("servicedesk:ticket-create"),
        _form_data(category, unit, tenant=tenant.pk, photos=[png(), png("b.png")]),
    )
    # then
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "servicedesk:ticket-detail", args=[ticket.pk]
    )
    assert ticket.owner == front_desk and ticket.tenant == tenant and ticket.building == unit.building
    assert ticket.events.filter(kind=TicketEvent.Kind.PHOTO).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": "  "}, "description", "请描述问题或需求。"),
        ({"photos": [pdf()]}, "photos", "不是照片"),
        ({"photos": [big_png(6 * 1024 * 1024)]}, "photos", "太大"),
    ],
    ids=["empty-description", "not-an-image", "too-big"],
)
def test_bad_input_shows_a_translated_message_at_the_field_and_keeps_what_was_typed(
    client, front_desk, category, unit, overrides, field, message
):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(reverse("servicedesk:ticket-create"), _form_data(category, unit, **overrides))
    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert message in response.content.decode()
    assert "王经理" in response.content.decode()  # nothing typed is lost
    assert not Ticket.objects.exists()


def test_a_hand_over_to_someone_without_the_role_shows_the_message_at_the_field(client, front_desk, engineer):
    # given
    ticket = TicketFactory(owner=front_desk)
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("servicedesk:ticket-handover-offer", args=[ticket.pk]), {"to": engineer.pk, "note": "请接手"}
    )
    # then
    assert response.status_code == 200
    assert "只有前台或管理层人员可以负责工单" in " ".join(response.context["handover_form"].errors["to"])
    ticket.refresh_from_db()
    assert ticket.pending_owner is None


def test_a_comment_on_a_closed_ticket_shows_the_message_at_the_field(client, front_desk):
    ticket = TicketFactory(owner=front_desk, status=Ticket.Status.CLOSED, closed_at=timezone.now())
    client.force_login(front_desk)
    response = client.post(
        reverse("servicedesk:ticket-comment", args=[ticket.pk]), {"text": "补充说明", "public": "on"}
    )
    assert response.status_code == 200
    assert "此工单已关闭" in " ".join(response.context["comment_form"].errors["text"])
    assert "补充说明" in response.content.decode()
    assert not ticket.events.exists()


def test_a_follow_up_rating_outside_1_to_5_shows_the_message_at_the_field(client, front_desk):
    ticket = TicketFactory(owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=timezone.now())
    client.force_login(front_desk)
    response = client.post(
        reverse("servicedesk:ticket-follow-up", args=[ticket.pk]),
        {"channel": "phone", "reached": "yes", "rating": "7", "outcome": "电话回访"},
    )
    assert response.status_code == 200
    assert "请在 1（很差）到 5（很好）之间评分" in " ".join(
        response.context["follow_up_form"].errors["rating"]
    )
    ticket.refresh_from_db()
    assert ticket.rating is None and ticket.status == Ticket.Status.RESOLVED


def test_the_ticket_page_counts_down_its_clocks_and_shows_internal_and_public_events(
    client, front_desk, tenant
):
    # given
    ticket = TicketFactory(owner=front_desk, tenant=tenant, kind=Ticket.Kind.COMPLAINT)
    services.ticket_comment(ticket=ticket, by=front_desk, text="内部：先查监控", public=False)
    services.ticket_comment(ticket=ticket, by=front_desk, text="已安排保安巡查", public=True)
    client.force_login(front_desk)
    # when
    page = client.get(reverse("servicedesk:ticket-detail", args=[ticket.pk])).content.decode()
    # then
    assert page.count('class="badge countdown') == 2  # acknowledge and first answer still run
    assert "data-due=" in page and "js/countdown.js" in page  # the script ticks them down
    assert "内部：先查监控" in page and "已安排保安巡查" in page


def test_the_list_costs_the_same_queries_for_5_and_50_rows(client, general_manager):
    # given
    client.force_login(general_manager)
    url = reverse("servicedesk:ticket-list") + "?per_page=50"
    TicketFactory.create_batch(
        5, owner=general_manager, department=Role.ENGINEERING, assignee=general_manager
    )
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert len(response.context["table"].page.object_list) == 5
    TicketFactory.create_batch(
        45, owner=general_manager, department=Role.ENGINEERING, assignee=general_manager
    )
    # when
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url)
    # then
    assert len(response.context["table"].page.object_list) == 50
    assert len(five) == len(fifty) <= 12


def test_the_list_shows_25_rows_a_page(client, front_desk):
    TicketFactory.create_batch(26)
    client.force_login(front_desk)
    response = client.get(reverse("servicedesk:ticket-list"))
    assert len(response.context["table"].page.object_list) == 25


def _listed(client, **params) -> set[int]:
    response = client.get(reverse("servicedesk:ticket-list"), params)
    return {row.record.pk for row in response.context["table"].page.object_list}


def test_the_list_filters(client, general_manager, front_desk, engineer):
    # given
    now = timezone.now()
    unit = UnitFactory()
    late = TicketFactory(acknowledge_due_at=now - timedelta(hours=1))
    risky = TicketFactory(acknowledge_due_at=now + timedelta(hours=1), kind=Ticket.Kind.COMPLAINT)
    mine = TicketFactory(
        owner=front_desk,
        unit=unit,
        building=unit.building,
        department=Role.ENGINEERING,
        assignee=engineer,
        status=Ticket.Status.IN_PROGRESS,
        acknowledged_at=now,
    )
    client.force_login(general_manager)
    # then
    assert _listed(client, sla="breached") == {late.pk}
    assert _listed(client, sla="at_risk") == {risky.pk}
    assert _listed(client, kind="complaint") == {risky.pk}
    assert _listed(client, status="in_progress") == {mine.pk}
    assert _listed(client, owner=front_desk.pk) == {mine.pk}
    assert _listed(client, department="engineering") == {mine.pk}
    assert _listed(client, building=unit.building_id) == {mine.pk}
    assert _listed(client, category=mine.category_id) == {mine.pk}
    assert _listed(client, q=mine.reference) == {mine.pk}


def test_the_analysis_counts_by_kind_and_exports_csv(client, general_manager, front_desk):
    # given
    this_year = timezone.localdate().year
    received = timezone.now().replace(month=3, day=15, hour=10)
    TicketFactory(kind=Ticket.Kind.COMPLAINT, created_at=received)
    TicketFactory(
        kind=Ticket.Kind.REPAIR,
        created_at=received,
        acknowledged_at=received + timedelta(hours=2),
        resolved_at=received + timedelta(hours=5),
        status=Ticket.Status.CLOSED,
        rating=5,
        cause=Ticket.Cause.WEAR,
    )
    client.force_login(general_manager)
    # when
    page = client.get(reverse("servicedesk:analysis"), {"year": this_year, "period": "quarter"})
    csv = client.get(reverse("servicedesk:analysis-csv"), {"year": this_year, "period": "quarter"})
    # then
    report = page.context["report"]
    assert report.labels == ["Q1", "Q2", "Q3", "Q4"]
    kinds = {label: (counts, total) for label, counts, total in report.breakdowns[0].rows}
    assert kinds["投诉"] == ([1, 0, 0, 0], 1) and kinds["报修"] == ([1, 0, 0, 0], 1)
    q1 = report.figures[0]
    assert (q1.tickets, q1.acknowledge_hours, q1.resolve_hours, q1.rating) == (2, 2.0, 5.0, 5.0)
    assert 'data-testid="analysis-charts"' in page.content.decode() and "<svg" in page.content.decode()
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv")
    assert "投诉,1,0,0,0,1" in text


def test_a_quote_of_zero_is_refused_at_the_field_and_a_good_one_reaches_the_tenant(
    client, front_desk, tenant
):
    # given
    ticket = TicketFactory(owner=front_desk, tenant=tenant, kind=Ticket.Kind.PAID_SERVICE)
    client.force_login(front_desk)
    url = reverse("servicedesk:ticket-quote", args=[ticket.pk])
    # when
    refused = client.post(url, {"amount": "0", "text": "更换门锁"})
    accepted = client.post(url, {"amount": "260.50", "text": "更换门锁"})
    # then
    assert "金额必须大于零" in " ".join(refused.context["quote_form"].errors["amount"])
    assert accepted.status_code == 302
    ticket.refresh_from_db()
    assert (str(ticket.quote_amount), ticket.quote_status) == ("260.50", Ticket.QuoteStatus.OFFERED)
    assert tenant.notices.filter(subject__contains=ticket.reference).exists()
