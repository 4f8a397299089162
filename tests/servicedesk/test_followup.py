"""Follow-up (回访): ratings close or reopen a ticket; silence closes it after the configured days."""

from datetime import timedelta

import pytest
from django.core import mail
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
    services.ticket_follow_up_record(ticket=resolved, by=front_desk, rating=4, comment="电话回访满意")
    resolved.refresh_from_db()
    assert (resolved.status, resolved.follow_up_channel) == (Ticket.Status.CLOSED, "phone")
    assert resolved.events.filter(kind=TicketEvent.Kind.FOLLOWED_UP).exists()


def test_an_engineer_does_not_record_follow_ups(resolved, engineer):
    with pytest.raises(DomainError):
        services.ticket_follow_up_record(ticket=resolved, by=engineer, rating=4)


def test_unanswered_tickets_close_themselves_after_the_follow_up_days_once(front_desk, settings):
    # given
    settings.SERVICE_FOLLOW_UP_DAYS = 7
    now = timezone.now()
    old = TicketFactory(owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=now - timedelta(days=8))
    recent = TicketFactory(
        owner=front_desk, status=Ticket.Status.RESOLVED, resolved_at=now - timedelta(days=6)
    )
    answered = TicketFactory(
        owner=front_desk,
        status=Ticket.Status.RESOLVED,
        resolved_at=now - timedelta(days=9),
        followed_up_at=now,
    )
    # when
    first, second = services.tickets_auto_close(now=now), services.tickets_auto_close(now=now)
    # then
    assert (first, second) == (1, 0)
    old.refresh_from_db(), recent.refresh_from_db(), answered.refresh_from_db()
    assert old.status == Ticket.Status.CLOSED and old.closed_at == now
    assert recent.status == answered.status == Ticket.Status.RESOLVED
    assert old.events.filter(kind=TicketEvent.Kind.AUTO_CLOSED, public=True).count() == 1
