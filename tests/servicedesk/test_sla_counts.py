"""Breached and at-risk tickets are counted from the earliest running deadline, which the database keeps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.dashboard import count_all
from servicedesk import services
from servicedesk.clocks import at_risk_q, breached_q, ticket_clocks
from servicedesk.models import Ticket
from servicedesk.selectors import dashboard_cards, dashboard_counts, sla_counts

from .factories import TicketFactory

S = Ticket.Status
AT_RISK_HOURS = 4


@pytest.fixture(autouse=True)
def _horizon(settings):
    settings.SERVICE_AT_RISK_HOURS = AT_RISK_HOURS


def _expected(ticket: Ticket, now) -> str:
    """What the ticket page's clocks say: breached if a running clock is past due, at risk if one is close."""
    running = [clock.due_at for clock in ticket_clocks(ticket) if clock.running]
    if any(due < now for due in running):
        return "breached"
    if any(due < now + timedelta(hours=AT_RISK_HOURS) for due in running):
        return "at_risk"
    return "fine"


def _tickets(now) -> dict[str, Ticket]:
    h = timedelta(hours=1)
    far = now + timedelta(days=10)
    return {
        "ack overdue": TicketFactory(acknowledge_due_at=now - h, resolution_due_at=far),
        "ack done late, resolution close": TicketFactory(
            status=S.ACKNOWLEDGED,
            acknowledge_due_at=now - 2 * h,
            acknowledged_at=now - h,
            resolution_due_at=now + 2 * h,
        ),
        "first answer close, resolution far": TicketFactory(
            status=S.ACKNOWLEDGED,
            acknowledged_at=now,
            acknowledge_due_at=now + h,
            first_answer_due_at=now + h,
            resolution_due_at=far,
        ),
        "first answer overdue, ack ahead": TicketFactory(
            acknowledge_due_at=now + 2 * h, first_answer_due_at=now - h, resolution_due_at=far
        ),
        "one overdue and one close": TicketFactory(
            acknowledge_due_at=now + h, first_answer_due_at=now - h, resolution_due_at=now + 2 * h
        ),
        "resolved after its deadline": TicketFactory(
            status=S.RESOLVED,
            acknowledged_at=now - 3 * h,
            acknowledge_due_at=now - 2 * h,
            resolved_at=now - h,
            resolution_due_at=now - 2 * h,
        ),
        "closed with dues past": TicketFactory(
            status=S.CLOSED, acknowledge_due_at=now - h, resolution_due_at=now - h
        ),
        "reopened past its resolution": TicketFactory(
            status=S.REOPENED,
            acknowledged_at=now - 9 * h,
            acknowledge_due_at=now - 8 * h,
            resolution_due_at=now - h,
        ),
        "in progress, all far": TicketFactory(
            status=S.IN_PROGRESS, acknowledged_at=now - h, acknowledge_due_at=now, resolution_due_at=far
        ),
        "due right now": TicketFactory(acknowledge_due_at=now, resolution_due_at=far),
        "due at the horizon": TicketFactory(
            acknowledge_due_at=now + AT_RISK_HOURS * h, resolution_due_at=far
        ),
    }


def test_breached_and_at_risk_agree_with_the_clocks_of_each_ticket(db):
    # given
    now = timezone.now()
    tickets = _tickets(now)
    # when
    breached = set(Ticket.objects.filter(breached_q(now)).values_list("pk", flat=True))
    at_risk = set(Ticket.objects.filter(at_risk_q(now)).values_list("pk", flat=True))
    # then
    got = {
        name: "breached" if t.pk in breached else "at_risk" if t.pk in at_risk else "fine"
        for name, t in tickets.items()
    }
    assert got == {name: _expected(t, now) for name, t in tickets.items()}
    assert got == {
        "ack overdue": "breached",
        "ack done late, resolution close": "at_risk",
        "first answer close, resolution far": "at_risk",
        "first answer overdue, ack ahead": "breached",
        "one overdue and one close": "breached",
        "resolved after its deadline": "fine",
        "closed with dues past": "fine",
        "reopened past its resolution": "breached",
        "in progress, all far": "fine",
        "due right now": "at_risk",
        "due at the horizon": "fine",
    }
    counts = sla_counts(Ticket.objects.all(), now)
    assert (counts["breached"], counts["at_risk"], counts["new"]) == (4, 3, 5)


def test_the_counts_follow_every_change_without_being_refreshed(db, front_desk):
    # given: a ticket past its acknowledgement deadline, its resolution due soon
    now = timezone.now()
    ticket = TicketFactory(
        acknowledge_due_at=now - timedelta(minutes=5), resolution_due_at=now + timedelta(hours=1)
    )
    assert sla_counts(Ticket.objects.all())["breached"] == 1
    # when: the front desk acknowledges it
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="工程师一小时内上门。")
    # then: only the resolution clock runs, and it is close
    counts = sla_counts(Ticket.objects.all())
    assert (counts["breached"], counts["at_risk"]) == (0, 1)
    ticket.refresh_from_db()
    assert ticket.next_due_at == ticket.resolution_due_at
    # when: a bulk update closes it (as the auto-close does), no clock runs any more
    Ticket.objects.filter(pk=ticket.pk).update(status=S.CLOSED)
    # then
    counts = sla_counts(Ticket.objects.all())
    assert (counts["breached"], counts["at_risk"]) == (0, 0)
    ticket.refresh_from_db()
    assert ticket.next_due_at is None


def test_the_dashboard_cards_cost_one_query(db, django_assert_num_queries):
    # given
    TicketFactory(acknowledge_due_at=timezone.now() - timedelta(hours=1))
    TicketFactory(status=S.RESOLVED, resolved_at=timezone.now())
    # when
    with django_assert_num_queries(1):
        cards = dashboard_cards(count_all(dashboard_counts()))
    # then: new, waiting for a follow-up, at risk, past deadline
    assert [card["value"] for card in cards] == [1, 1, 0, 1]
