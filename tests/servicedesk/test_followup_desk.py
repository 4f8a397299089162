"""The desk's follow-up (回访): the form (channel, reached, outcome, rating) and its queue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from servicedesk import reports, services
from servicedesk.models import Ticket, TicketEvent

from .factories import TicketFactory


@pytest.fixture
def resolved(front_desk, tenant):
    return TicketFactory(
        owner=front_desk, tenant=tenant, status=Ticket.Status.RESOLVED, resolved_at=timezone.now()
    )


def test_a_follow_up_without_outcome_is_refused_at_the_field(resolved, front_desk):
    with pytest.raises(DomainError) as refused:
        services.ticket_follow_up_record(
            ticket=resolved, by=front_desk, channel="visit", reached=True, outcome="  ", rating=5
        )
    assert refused.value.field == "outcome"
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.RESOLVED and not resolved.follow_ups.exists()


def test_a_reached_tenant_must_give_a_rating(resolved, front_desk):
    with pytest.raises(DomainError) as refused:
        services.ticket_follow_up_record(
            ticket=resolved, by=front_desk, channel="phone", reached=True, outcome="满意", rating=None
        )
    assert refused.value.field == "rating"


def test_an_unanswered_attempt_is_counted_and_keeps_the_ticket_resolved(resolved, front_desk):
    services.ticket_follow_up_record(
        ticket=resolved, by=front_desk, channel="phone", reached=False, outcome="无人接听"
    )
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.RESOLVED and resolved.follow_up_attempts == 1
    attempt = resolved.events.get(kind=TicketEvent.Kind.FOLLOW_UP_ATTEMPT)
    assert attempt.data == {"channel": "phone", "attempt": 1} and not attempt.public


def test_a_visit_follow_up_with_a_good_rating_closes_the_ticket(resolved, front_desk):
    services.ticket_follow_up_record(
        ticket=resolved, by=front_desk, channel="visit", reached=True, outcome="上门回访，满意", rating=5
    )
    resolved.refresh_from_db()
    assert (resolved.status, resolved.rating, resolved.follow_up_channel) == (
        Ticket.Status.CLOSED,
        5,
        "visit",
    )


def test_a_reopen_starts_the_attempt_count_again(resolved, front_desk):
    services.ticket_follow_up_record(
        ticket=resolved, by=front_desk, channel="phone", reached=False, outcome="无人接听"
    )
    services.ticket_reopen(ticket=resolved, by=front_desk, reason="又坏了")
    resolved.refresh_from_db()
    assert resolved.follow_up_attempts == 0


def test_the_form_keeps_what_was_typed_when_the_outcome_is_missing(client, resolved, front_desk):
    client.force_login(front_desk)
    response = client.post(
        reverse("servicedesk:ticket-follow-up", args=[resolved.pk]),
        {"channel": "visit", "reached": "yes", "rating": "4", "outcome": ""},
    )
    assert response.status_code == 200
    form = response.context["follow_up_form"]
    assert "请填写回访结果" in " ".join(form.errors["outcome"])
    assert form.data["rating"] == "4" and form.data["channel"] == "visit"
    assert not resolved.follow_ups.exists()


def test_the_form_records_an_attempt_and_the_queue_shows_it(client, resolved, front_desk):
    # given: two tickets waiting, the older first; a closed one is not in the queue
    older = TicketFactory(
        owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=timezone.now() - timedelta(days=3)
    )
    TicketFactory(owner=front_desk, status=Ticket.Status.CLOSED, closed_at=timezone.now())
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("servicedesk:ticket-follow-up", args=[resolved.pk]),
        {"channel": "phone", "reached": "no", "outcome": "无人接听，已留言"},
    )
    queue = client.get(reverse("servicedesk:follow-up-queue"))
    # then
    assert response.status_code == 302
    assert [t.pk for t in queue.context["tickets"]] == [older.pk, resolved.pk]
    assert [t.follow_up_attempts for t in queue.context["tickets"]] == [0, 1]
    assert queue.context["tickets"][1].last_attempt_at is not None


def test_the_queue_is_for_the_front_desk_and_management(client, engineer, business_manager):
    for user in (engineer, business_manager):
        client.force_login(user)
        assert client.get(reverse("servicedesk:follow-up-queue")).status_code == 403


def test_the_queue_costs_the_same_queries_for_more_tickets(client, front_desk, django_assert_max_num_queries):
    for _n in range(12):
        TicketFactory(owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=timezone.now())
    client.force_login(front_desk)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("servicedesk:follow-up-queue")).status_code == 200


def test_the_analysis_shows_the_follow_up_rate_and_satisfaction_per_department(
    client, front_desk, general_manager
):
    # given: three engineering tickets done this year, one rated 5 by phone, one tried once, one still open
    rated, tried = (
        TicketFactory(
            owner=front_desk,
            department="engineering",
            status=Ticket.Status.RESOLVED,
            resolved_at=timezone.now(),
        )
        for _n in range(2)
    )
    TicketFactory(owner=front_desk, department="engineering")
    services.ticket_follow_up_record(
        ticket=rated, by=front_desk, channel="phone", reached=True, outcome="满意", rating=5
    )
    services.ticket_follow_up_record(
        ticket=tried, by=front_desk, channel="phone", reached=False, outcome="无人接听"
    )
    # when
    year = timezone.localtime(rated.created_at).year
    report = reports.analysis(year=year, period="quarter")
    client.force_login(general_manager)
    csv = client.get(reverse("servicedesk:analysis-csv"), {"year": year, "period": "quarter"}).content.decode(
        "utf-8-sig"
    )
    # then
    by_department = next(b for b in report.follow_ups if b.key == "department")
    row = by_department.rows[0]
    assert (row.done, row.followed_up, row.rate, row.rated, row.rating, row.satisfied) == (
        2,
        1,
        50.0,
        1,
        5.0,
        100.0,
    )
    assert "工程部,2,1,50.0,1,5.0,100.0" in csv.replace("\r", "")
