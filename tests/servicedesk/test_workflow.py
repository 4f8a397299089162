"""The status pipeline, hand-overs and assignment: allowed moves only, ownership moves only when accepted."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from documents.errors import DomainError
from servicedesk import services
from servicedesk.models import Ticket, TicketEvent
from tenancy.roles import Role
from tests.factories import UserFactory

from .factories import TicketFactory


@pytest.fixture
def ticket(front_desk, tenant):
    return TicketFactory(owner=front_desk, received_by=front_desk, tenant=tenant)


def test_a_new_ticket_cannot_be_resolved_before_it_is_acknowledged(ticket, front_desk):
    with pytest.raises(DomainError):
        services.ticket_resolve(ticket=ticket, by=front_desk, resolution="修好了", cause=Ticket.Cause.WEAR)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.NEW and not ticket.events.exists()


def test_the_whole_pipeline_writes_one_event_per_step(ticket, front_desk, engineer):
    # when
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="今天下午处理")
    services.ticket_assign(ticket=ticket, by=front_desk, department=Role.ENGINEERING, assignee=engineer)
    services.ticket_start(ticket=ticket, by=engineer)
    services.ticket_resolve(ticket=ticket, by=engineer, resolution="更换了阀门", cause=Ticket.Cause.WEAR)
    _unanswered(ticket, front_desk, 3)
    services.ticket_close(ticket=ticket, by=front_desk)
    # then
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED and ticket.owner == front_desk  # owned to the end
    kinds = list(ticket.events.values_list("kind", flat=True))
    attempts = ["follow_up_attempt"] * 3
    assert kinds == ["acknowledged", "assigned", "started", "resolved", *attempts, "closed"]
    assert ticket.resolved_at and ticket.closed_at and ticket.first_answer_at


def _unanswered(ticket, by, times):
    for n in range(times):
        services.ticket_follow_up_record(
            ticket=ticket, by=by, channel="phone", reached=False, outcome=f"无人接听 {n + 1}"
        )


def test_a_resolved_ticket_is_not_closed_before_its_follow_up(ticket, front_desk):
    # given: resolved, tried twice without an answer
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    services.ticket_resolve(ticket=ticket, by=front_desk, resolution="已处理", cause=Ticket.Cause.WEAR)
    _unanswered(ticket, front_desk, 2)
    # when / then
    with pytest.raises(DomainError):
        services.ticket_close(ticket=ticket, by=front_desk)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED and ticket.closed_at is None


def test_resolving_tells_the_tenant(ticket, front_desk, tenant):
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    services.ticket_resolve(ticket=ticket, by=front_desk, resolution="已处理", cause=Ticket.Cause.SERVICE)
    assert tenant.notices.filter(subject__contains=ticket.reference).count() == 2


@pytest.mark.parametrize(
    ("resolution", "cause", "field"), [("  ", Ticket.Cause.WEAR, "resolution"), ("已处理", "", "cause")]
)
def test_resolving_needs_what_was_done_and_the_cause(ticket, front_desk, resolution, cause, field):
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    with pytest.raises(DomainError) as refused:
        services.ticket_resolve(ticket=ticket, by=front_desk, resolution=resolution, cause=cause)
    assert refused.value.field == field
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.ACKNOWLEDGED


def test_ownership_moves_only_when_the_new_owner_accepts(ticket, front_desk):
    # given
    colleague = UserFactory(username="desk2", roles=[Role.FRONT_DESK])
    # when
    services.ticket_handover_offer(ticket=ticket, by=front_desk, to=colleague, note="我休假")
    ticket.refresh_from_db()
    # then: still the receiver's
    assert ticket.owner == front_desk and ticket.pending_owner == colleague
    # when
    services.ticket_handover_accept(ticket=ticket, by=colleague)
    ticket.refresh_from_db()
    # then
    assert ticket.owner == colleague and ticket.pending_owner is None
    assert list(ticket.events.values_list("kind", flat=True)) == ["handover_offered", "handover_accepted"]


def test_a_hand_over_to_someone_without_the_role_is_refused_at_the_field(ticket, front_desk, engineer):
    with pytest.raises(DomainError) as refused:
        services.ticket_handover_offer(ticket=ticket, by=front_desk, to=engineer)
    assert refused.value.field == "to"
    ticket.refresh_from_db()
    assert ticket.pending_owner is None and not ticket.events.exists()


def test_only_the_person_offered_the_ticket_can_accept_it(ticket, front_desk):
    colleague = UserFactory(username="desk2", roles=[Role.FRONT_DESK])
    third = UserFactory(username="desk3", roles=[Role.FRONT_DESK])
    services.ticket_handover_offer(ticket=ticket, by=front_desk, to=colleague)
    with pytest.raises(DomainError):
        services.ticket_handover_accept(ticket=ticket, by=third)
    ticket.refresh_from_db()
    assert ticket.owner == front_desk


def test_someone_who_does_not_own_the_ticket_cannot_hand_it_over(ticket):
    colleague = UserFactory(username="desk2", roles=[Role.FRONT_DESK])
    third = UserFactory(username="desk3", roles=[Role.FRONT_DESK])
    with pytest.raises(PermissionDenied):
        services.ticket_handover_offer(ticket=ticket, by=colleague, to=third)


def test_a_declined_hand_over_leaves_the_owner(ticket, front_desk):
    colleague = UserFactory(username="desk2", roles=[Role.FRONT_DESK])
    services.ticket_handover_offer(ticket=ticket, by=front_desk, to=colleague)
    services.ticket_handover_decline(ticket=ticket, by=colleague, note="忙不过来")
    ticket.refresh_from_db()
    assert ticket.owner == front_desk and ticket.pending_owner is None


def test_assignment_to_a_person_outside_the_department_is_refused(ticket, front_desk, security_guard):
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    with pytest.raises(DomainError) as refused:
        services.ticket_assign(
            ticket=ticket, by=front_desk, department=Role.ENGINEERING, assignee=security_guard
        )
    assert refused.value.field == "assignee"
    ticket.refresh_from_db()
    assert ticket.department == "" and ticket.assignee is None


def test_a_department_member_may_take_a_ticket_of_their_department_but_not_route_it(
    ticket, front_desk, engineer
):
    # given
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    services.ticket_assign(ticket=ticket, by=front_desk, department=Role.ENGINEERING)
    # when
    services.ticket_assign(ticket=ticket, by=engineer, department=Role.ENGINEERING, assignee=engineer)
    # then
    ticket.refresh_from_db()
    assert ticket.assignee == engineer
    with pytest.raises(PermissionDenied):
        services.ticket_assign(ticket=ticket, by=engineer, department=Role.SECURITY)


def test_another_department_cannot_work_on_the_ticket(ticket, front_desk, security_guard):
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    services.ticket_assign(ticket=ticket, by=front_desk, department=Role.ENGINEERING)
    with pytest.raises(PermissionDenied):
        services.ticket_start(ticket=ticket, by=security_guard)


def test_reopening_needs_a_reason_and_restarts_the_resolution_clock(ticket, front_desk):
    # given
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    services.ticket_resolve(ticket=ticket, by=front_desk, resolution="已处理", cause=Ticket.Cause.WEAR)
    with pytest.raises(DomainError) as refused:
        services.ticket_reopen(ticket=ticket, by=front_desk, reason="")
    assert refused.value.field == "reason"
    before = timezone.now()
    # when
    services.ticket_reopen(ticket=ticket, by=front_desk, reason="又坏了")
    # then
    ticket.refresh_from_db()
    assert (
        ticket.status == Ticket.Status.REOPENED and ticket.resolved_at is None and ticket.reopened_count == 1
    )
    assert ticket.resolution_due_at > before
    assert ticket.events.filter(kind=TicketEvent.Kind.REOPENED, text="又坏了").exists()


def test_a_closed_ticket_can_be_reopened_but_not_resolved_again_directly(ticket, front_desk):
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    services.ticket_resolve(ticket=ticket, by=front_desk, resolution="已处理", cause=Ticket.Cause.WEAR)
    _unanswered(ticket, front_desk, 3)
    services.ticket_close(ticket=ticket, by=front_desk)
    with pytest.raises(DomainError):
        services.ticket_start(ticket=ticket, by=front_desk)
    services.ticket_reopen(ticket=ticket, by=front_desk, reason="租户来电")
    services.ticket_start(ticket=ticket, by=front_desk)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS


@pytest.mark.django_db(transaction=True)
def test_two_desks_acknowledging_the_same_portal_ticket_at_once_make_one_owner(tenant_user, tenant):
    # given: a portal ticket nobody owns yet, and two front-desk colleagues pressing "acknowledge" together
    ticket = TicketFactory(tenant=tenant, channel=Ticket.Channel.PORTAL)
    desks = [UserFactory(username=f"desk{i}", roles=[Role.FRONT_DESK]) for i in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def acknowledge(user) -> None:
        try:
            barrier.wait()
            services.ticket_acknowledge(ticket=ticket, by=user, reply=f"{user.username} 已受理")
            outcomes.append("ok")
        except (DomainError, PermissionDenied):
            outcomes.append("refused")
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=acknowledge, args=(user,)) for user in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then: the row lock lets one through; the other sees an acknowledged ticket and is refused
    assert sorted(outcomes) == ["ok", "refused"]
    ticket.refresh_from_db()
    assert ticket.owner in desks
    assert ticket.events.filter(kind=TicketEvent.Kind.ACKNOWLEDGED).count() == 1
