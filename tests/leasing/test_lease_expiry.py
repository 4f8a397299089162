"""Expiry: renewal cases once per lease and term, catching up missed days; letters; the tenant's answer;
move-out notices and the notice period."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from documents.errors import DomainError
from documents.models import Notice
from leasing.document_kinds import RENEWAL_LETTER
from leasing.leases.moveout import move_out_notice_give
from leasing.leases.renewals import (
    lease_expiry_sweep,
    renewal_case_answer,
    renewal_cases_without_letter,
    renewal_letter_send,
)
from leasing.models import Lease, LeaseEvent, MoveOutNotice, RenewalCase
from leasing.tasks import lease_expiry_reminders_send
from tests.factories import UserFactory
from tests.leasing.lease_factories import (
    document_root_fixture,  # noqa: F401 (the document_root fixture)
    lease_in,
)

pytestmark = pytest.mark.django_db

END = date(2027, 5, 31)  # reminder date: 2027-03-31


def test_the_sweep_opens_one_case_on_the_reminder_date_and_none_the_day_before():
    # given
    lease = lease_in(Lease.Status.ACTIVE, end_date=END)
    front_desk = UserFactory(roles=["front_desk"])
    # when / then
    assert lease_expiry_sweep(today=date(2027, 3, 30)) == []
    opened = lease_expiry_sweep(today=date(2027, 3, 31))
    case = RenewalCase.objects.get(pk__in=opened)
    assert (case.lease, case.term_end, case.reminder_date) == (lease, END, date(2027, 3, 31))
    assert case.due_date == date(2027, 5, 1) and case.owner == front_desk
    assert lease.events.filter(kind=LeaseEvent.Kind.REMINDED).count() == 1


def test_the_sweep_catches_up_a_missed_day_and_runs_once_per_term():
    # given
    lease_in(Lease.Status.ACTIVE, end_date=END)
    # when: the reminder day was missed; it runs two days later, then again
    first = lease_expiry_sweep(today=date(2027, 4, 2))
    second = lease_expiry_sweep(today=date(2027, 4, 2))
    third = lease_expiry_sweep(today=date(2027, 4, 3))
    # then
    assert len(first) == 1 and second == [] and third == []


def test_the_sweep_leaves_drafts_ended_leases_and_far_terms_alone():
    lease_in(Lease.Status.DRAFT, end_date=END)
    lease_in(Lease.Status.ENDED, end_date=END)
    lease_in(Lease.Status.ACTIVE, end_date=date(2027, 6, 30))
    assert lease_expiry_sweep(today=date(2027, 3, 31)) == []


def test_the_sweep_reminds_again_for_a_new_term_end():
    # given
    lease = lease_in(Lease.Status.ACTIVE, end_date=END)
    lease_expiry_sweep(today=date(2027, 3, 31))
    # when: an amendment extended the term by a year
    Lease.objects.filter(pk=lease.pk).update(effective_end=date(2028, 5, 31))
    # then
    assert lease_expiry_sweep(today=date(2028, 3, 31)) != []
    assert RenewalCase.objects.filter(lease=lease).count() == 2


def test_the_letter_is_rendered_and_sent_once(document_root, mailoutbox):
    # given
    lease = lease_in(Lease.Status.ACTIVE, end_date=END)
    lease.tenant.email = "office@example.com"
    lease.tenant.save()
    (case_id,) = lease_expiry_sweep(today=date(2027, 3, 31))
    # when
    assert renewal_letter_send(case_id=case_id) is True
    assert renewal_letter_send(case_id=case_id) is False
    # then
    notice = Notice.objects.get(tenant=lease.tenant)
    assert notice.attachment.kind == RENEWAL_LETTER
    assert renewal_cases_without_letter() == []


def test_the_daily_task_opens_cases_and_sends_their_letters_once(document_root, settings):
    # given
    lease_in(Lease.Status.ACTIVE, end_date=END)
    # when
    first = lease_expiry_reminders_send("2027-04-01")
    second = lease_expiry_reminders_send("2027-04-01")
    # then
    assert (first, second) == (1, 0)
    assert Notice.objects.count() == 1


def test_renew_answer_drafts_the_next_term():
    # given
    lease = lease_in(Lease.Status.ACTIVE, end_date=END)
    case = RenewalCase.objects.get(pk__in=lease_expiry_sweep(today=date(2027, 3, 31)))
    # when
    case = renewal_case_answer(
        case=case, intent="renew", note="愿意续租", by=UserFactory(roles=["front_desk"])
    )
    # then
    renewal = case.next_lease
    assert renewal.status == Lease.Status.DRAFT and renewal.previous == lease
    assert (renewal.start_date, renewal.end_date) == (date(2027, 6, 1), date(2028, 10, 31))  # 17 months again
    assert set(renewal.units.all()) == set(lease.units.all())
    assert renewal.rent_rate == lease.rent_rate
    with pytest.raises(DomainError, match="已答复"):
        renewal_case_answer(case=case, intent="leave", by=UserFactory(roles=["front_desk"]))


def test_leave_answer_records_a_move_out_notice_at_the_term_end():
    # given
    lease = lease_in(Lease.Status.ACTIVE, end_date=END)
    case = RenewalCase.objects.get(pk__in=lease_expiry_sweep(today=date(2027, 3, 31)))
    # when
    renewal_case_answer(case=case, intent="leave", by=None, portal=True)
    # then
    notice = MoveOutNotice.objects.get(lease=lease)
    assert notice.move_out_date == END and notice.channel == "portal"
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.NOTICE_GIVEN


def test_a_short_notice_is_refused_unless_management_accepts_it_with_a_reason():
    # given: a lease the tenant may break from February
    lease = lease_in(Lease.Status.ACTIVE, break_from=date(2026, 2, 1))
    front_desk, manager = UserFactory(roles=["front_desk"]), UserFactory(roles=["management"])
    today, move_out = date(2026, 6, 1), date(2026, 6, 20)
    # when / then
    with pytest.raises(DomainError, match="至少提前 30 天") as short:
        move_out_notice_give(
            lease=lease, move_out_date=move_out, channel="front_desk", by=front_desk, today=today
        )
    assert short.value.field == "move_out_date"
    with pytest.raises(DomainError, match="只有管理层"):
        move_out_notice_give(
            lease=lease,
            move_out_date=move_out,
            channel="front_desk",
            by=front_desk,
            override_reason="急需",
            today=today,
        )
    assert MoveOutNotice.objects.count() == 0
    notice = move_out_notice_give(
        lease=lease,
        move_out_date=move_out,
        channel="front_desk",
        by=manager,
        override_reason="公司搬迁",
        today=today,
    )
    assert notice.override_by == manager
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.NOTICE_GIVEN


def test_a_notice_after_the_lease_ended_is_refused():
    lease = lease_in(Lease.Status.ACTIVE)
    with pytest.raises(DomainError, match="已于"):
        move_out_notice_give(
            lease=lease, move_out_date=date(2028, 3, 1), channel="portal", by=None, today=date(2028, 1, 5)
        )
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.ACTIVE


def test_a_notice_in_time_is_accepted_and_the_front_desk_channel_needs_a_staff_role():
    lease = lease_in(Lease.Status.ACTIVE, break_from=date(2026, 2, 1))
    with pytest.raises(PermissionDenied):
        move_out_notice_give(
            lease=lease,
            move_out_date=date(2026, 9, 30),
            channel="front_desk",
            by=UserFactory(roles=["finance"]),
        )
    notice = move_out_notice_give(
        lease=lease, move_out_date=date(2026, 9, 30), channel="portal", by=None, today=date(2026, 8, 1)
    )
    assert notice.given_on == date(2026, 8, 1)
