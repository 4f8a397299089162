"""Follow-up (回访): ratings close or reopen a ticket; the clock closes only followed-up tickets, or
those tried three times without an answer, after the follow-up days."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from documents.errors import DomainError
from servicedesk import services
from servicedesk.models import Ticket, TicketEvent
from tenancy.roles import Role

from .factories import DepartmentManagerFactory, TicketFactory


@pytest.fixture
def resolved(front_desk, tenant):
    return TicketFactory(
        owner=front_desk,
        tenant=tenant,
        status=Ticket.Status.RESOLVED,
        resolved_at=timezone.now(),
        acknowledged_at=timezone.now(),
        resolution="已修好",
        cause=Ticket.Cause.WEAR,
    )


@pytest.mark.parametrize("rating", [0, 6, -1, "5", None, True])
def test_a_rating_outside_1_to_5_is_refused_at_the_field(resolved, tenant_user, rating):
    with pytest.raises(DomainError) as refused:
        services.ticket_rate(ticket=resolved, by=tenant_user, rating=rating)
    assert refused.value.field == "rating"
    resolved.refresh_from_db()
    assert resolved.rating is None and resolved.status == Ticket.Status.RESOLVED


@pytest.mark.parametrize("rating", [3, 4, 5])
def test_a_good_rating_closes_the_ticket(resolved, tenant_user, rating):
    services.ticket_rate(ticket=resolved, by=tenant_user, rating=rating, comment="很好")
    resolved.refresh_from_db()
    assert (resolved.status, resolved.rating, resolved.follow_up_channel) == (
        Ticket.Status.CLOSED,
        rating,
        "portal",
    )
    assert resolved.events.filter(kind=TicketEvent.Kind.RATED, public=True).exists()


@pytest.mark.parametrize("rating", [1, 2])
def test_a_poor_rating_reopens_the_ticket_to_the_owners_manager(
    resolved, tenant_user, general_manager, rating, django_capture_on_commit_callbacks
):
    # given
    DepartmentManagerFactory(department=Role.FRONT_DESK, manager=general_manager)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_rate(ticket=resolved, by=tenant_user, rating=rating, comment="还是漏水")
    # then
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.REOPENED and resolved.owner == general_manager
    assert resolved.rating == rating and resolved.rating_comment == "还是漏水"
    reopened = resolved.events.get(kind=TicketEvent.Kind.REOPENED)
    assert reopened.data["rating"] == rating
    assert [m.to for m in mail.outbox] == [[general_manager.email]]


def test_without_a_configured_manager_management_gets_the_reopened_ticket(
    resolved, tenant_user, general_manager
):
    services.ticket_rate(ticket=resolved, by=tenant_user, rating=1)
    resolved.refresh_from_db()
    assert resolved.owner == general_manager


def test_another_tenant_cannot_rate(resolved, other_tenant_user):
    with pytest.raises(DomainError):
        services.ticket_rate(ticket=resolved, by=other_tenant_user, rating=5)


def test_a_ticket_that_is_not_resolved_is_not_rated(front_desk, tenant, tenant_user):
    ticket = TicketFactory(owner=front_desk, tenant=tenant)
    with pytest.raises(DomainError):
        services.ticket_rate(ticket=ticket, by=tenant_user, rating=5)


def test_front_desk_records_a_phone_follow_up(resolved, front_desk):
    services.ticket_follow_up_record(
        ticket=resolved, by=front_desk, channel="phone", reached=True, outcome="电话回访满意", rating=4
    )
    resolved.refresh_from_db()
    assert (resolved.status, resolved.follow_up_channel) == (Ticket.Status.CLOSED, "phone")
    assert resolved.events.filter(kind=TicketEvent.Kind.FOLLOWED_UP).exists()
    assert resolved.follow_ups.get().outcome == "电话回访满意"


def test_an_engineer_does_not_record_follow_ups(resolved, engineer):
    with pytest.raises(PermissionDenied):
        services.ticket_follow_up_record(
            ticket=resolved, by=engineer, channel="phone", reached=True, outcome="满意", rating=4
        )
    assert not resolved.follow_ups.exists()


def test_a_resolved_ticket_nobody_followed_up_is_not_closed_by_the_clock(front_desk, settings):
    # given: resolved long ago, never rated, never called (before, the clock closed it after 7 days)
    settings.SERVICE_FOLLOW_UP_DAYS = 7
    now = timezone.now()
    silent = TicketFactory(
        owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=now - timedelta(days=30)
    )
    # when
    closed = services.tickets_auto_close(now=now)
    # then
    silent.refresh_from_db()
    assert closed == 0 and silent.status == Ticket.Status.RESOLVED
    assert not silent.events.filter(kind=TicketEvent.Kind.AUTO_CLOSED).exists()


def test_three_unanswered_attempts_close_the_ticket_after_the_follow_up_days_once(front_desk, settings):
    # given
    settings.SERVICE_FOLLOW_UP_DAYS = 7
    now = timezone.now()
    tried = TicketFactory(
        owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=now - timedelta(days=8)
    )
    twice = TicketFactory(
        owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=now - timedelta(days=8)
    )
    recent = TicketFactory(
        owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=now - timedelta(days=2)
    )
    for ticket, attempts in ((tried, 3), (twice, 2), (recent, 3)):
        for n in range(attempts):
            services.ticket_follow_up_record(
                ticket=ticket, by=front_desk, channel="phone", reached=False, outcome=f"无人接听 {n + 1}"
            )
    # when
    first, second = services.tickets_auto_close(now=now), services.tickets_auto_close(now=now)
    # then
    assert (first, second) == (1, 0)
    tried.refresh_from_db(), twice.refresh_from_db(), recent.refresh_from_db()
    assert tried.status == Ticket.Status.CLOSED and tried.closed_at == now
    assert tried.events.get(kind=TicketEvent.Kind.AUTO_CLOSED).data == {"attempts": 3}
    assert twice.status == recent.status == Ticket.Status.RESOLVED
    assert (twice.follow_up_attempts, twice.follow_ups.count()) == (2, 2)
