"""The SLA sweep: a breached clock goes to the department manager once, however often the task runs."""

import threading
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from config.dashboard import count_all
from servicedesk import services, tasks
from servicedesk.clocks import at_risk_q, breached_q
from servicedesk.models import SlaClock, SlaEscalation, Ticket, TicketEvent
from servicedesk.selectors import dashboard_cards, dashboard_counts, sla_counts
from tenancy.people import display_name
from tenancy.roles import Role

from .factories import DepartmentManagerFactory, TicketFactory


def _overdue_ack(**fields):
    now = timezone.now()
    return TicketFactory(
        created_at=now - timedelta(hours=30), acknowledge_due_at=now - timedelta(hours=6), **fields
    )


def test_the_escalation_task_run_twice_escalates_once(
    engineer, general_manager, django_capture_on_commit_callbacks
):
    # given
    DepartmentManagerFactory(department=Role.ENGINEERING, manager=general_manager)
    ticket = _overdue_ack(department=Role.ENGINEERING)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.sla_escalations_send()
    with django_capture_on_commit_callbacks(execute=True):
        second = tasks.sla_escalations_send()
    # then
    assert (first, second) == (1, 0)
    escalation = SlaEscalation.objects.get()
    assert (escalation.ticket, escalation.clock, escalation.manager) == (
        ticket,
        SlaClock.ACKNOWLEDGE,
        general_manager,
    )
    event = ticket.events.get(kind=TicketEvent.Kind.ESCALATED)
    assert not event.public and event.data["clock"] == SlaClock.ACKNOWLEDGE
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [general_manager.email]
    assert ticket.reference in mail.outbox[0].body


def test_each_clock_of_a_ticket_is_escalated_once(general_manager):
    # given: acknowledged late and still not answered nor resolved past both deadlines
    now = timezone.now()
    ticket = TicketFactory(
        kind=Ticket.Kind.COMPLAINT,
        created_at=now - timedelta(days=10),
        acknowledge_due_at=now - timedelta(days=9),
        first_answer_due_at=now - timedelta(days=8),
        resolution_due_at=now - timedelta(days=1),
    )
    # when
    services.sla_escalations_send(now=now)
    services.sla_escalations_send(now=now + timedelta(minutes=5))
    # then
    assert sorted(ticket.escalations.values_list("clock", flat=True)) == sorted(SlaClock.values)


def test_clocks_that_stopped_in_time_or_still_run_are_not_escalated(front_desk):
    now = timezone.now()
    TicketFactory(acknowledge_due_at=now + timedelta(hours=1))
    TicketFactory(
        acknowledge_due_at=now - timedelta(hours=1),
        acknowledged_at=now - timedelta(hours=2),
        status=Ticket.Status.ACKNOWLEDGED,
        resolution_due_at=now + timedelta(days=1),
    )
    TicketFactory(
        acknowledge_due_at=now - timedelta(hours=1),
        status=Ticket.Status.CLOSED,
        resolution_due_at=now - timedelta(hours=1),
    )
    assert services.sla_escalations_send(now=now) == 0


def test_a_ticket_without_a_department_goes_to_the_front_desk_manager(front_desk, general_manager):
    boss = DepartmentManagerFactory(department=Role.FRONT_DESK, manager=front_desk).manager
    _overdue_ack()
    services.sla_escalations_send()
    assert SlaEscalation.objects.get().manager == boss


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_time_escalate_each_breach_once(general_manager):
    # given
    tickets = [_overdue_ack() for _ in range(20)]
    barrier = threading.Barrier(2)
    results: list[int] = []

    def sweep() -> None:
        try:
            barrier.wait()
            results.append(services.sla_escalations_send())
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert sorted(results)[1] + sorted(results)[0] == len(tickets)
    assert SlaEscalation.objects.count() == len(tickets)
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.ESCALATED).count() == len(tickets)


def test_at_risk_and_breached_are_counted_for_the_dashboard(db, settings):
    # given
    settings.SERVICE_AT_RISK_HOURS = 4
    now = timezone.now()
    breached = TicketFactory(acknowledge_due_at=now - timedelta(minutes=1))
    at_risk = TicketFactory(acknowledge_due_at=now + timedelta(hours=2))
    TicketFactory(acknowledge_due_at=now + timedelta(hours=10))
    # when
    counts = sla_counts(Ticket.objects.all(), now)
    # then
    assert (counts["breached"], counts["at_risk"], counts["new"]) == (1, 1, 3)
    assert list(Ticket.objects.filter(breached_q(now))) == [breached]
    assert list(Ticket.objects.filter(at_risk_q(now))) == [at_risk]
    # new, waiting for a follow-up, at risk, past deadline
    assert [card["value"] for card in dashboard_cards(count_all(dashboard_counts()))] == [3, 0, 1, 1]


def test_the_escalation_shows_on_the_ticket_page_for_staff_only(
    client, general_manager, front_desk, tenant_user
):
    # given
    ticket = _overdue_ack(owner=front_desk, tenant=tenant_user.tenant_membership.tenant)
    services.sla_escalations_send()
    due = timezone.localtime(ticket.acknowledge_due_at)
    # when
    client.force_login(front_desk)
    staff_page = client.get(reverse("servicedesk:ticket-detail", args=[ticket.pk])).content.decode()
    client.force_login(tenant_user)
    portal_page = client.get(reverse("portal:ticket-detail", args=[ticket.pk])).content.decode()
    # then
    assert (
        f"“受理确认”时限（{due:%Y-%m-%d %H:%M}）已超时，已升级至 {display_name(general_manager)}"
        in staff_page
    )
    assert "已升级至" not in portal_page


def test_the_beat_schedule_runs_the_sweep_every_five_minutes_and_the_auto_close_daily_at_two():
    # given
    from config.celery import app

    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    # then
    sweep, close = schedule["servicedesk-sla-escalations"], schedule["servicedesk-auto-close"]
    assert (sweep["task"], sweep["schedule"]) == ("servicedesk.tasks.sla_escalations_send", 300)
    assert close["task"] == "servicedesk.tasks.tickets_auto_close"
    assert close["schedule"] == crontab(hour=2, minute=0)  # local time (CELERY_TIMEZONE)
    assert {sweep["task"], close["task"]} <= set(app.tasks)


def test_the_escalation_mail_counts_one_ticket_in_the_singular(
    general_manager, settings, django_capture_on_commit_callbacks
):
    # given: one breached ticket, mail written in English
    settings.LANGUAGE_CODE = "en"
    DepartmentManagerFactory(department=Role.ENGINEERING, manager=general_manager)
    _overdue_ack(department=Role.ENGINEERING)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sla_escalations_send()
    # then
    assert [message.subject for message in mail.outbox] == ["1 service ticket is past its deadline"]
