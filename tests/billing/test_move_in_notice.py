"""The move-in charge notice (《客户缴费通知书》): a signed lease's first bill issued as the run would,
the notice with the deposit and that bill in the tenant's inbox, once; the finance page; the daily clock;
and the keys gate that lets the keys go once both are paid, without an override."""

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from billing.models import Bill
from billing.selectors import move_in_charges_unpaid
from billing.services.bills import billing_run
from billing.services.deposits import deposit_receive
from billing.services.move_in import move_in_charges_issue, notice_number
from billing.tasks import billing_clock
from documents.errors import DomainError
from documents.models import Document, Notice
from handover.models import Sheet
from leasing.models import Lease
from tests.handover.factories import TODAY, fill_keys, identity_record, move_in_visit, sheet_of, sign
from tests.leasing.lease_factories import lease_in

from .factories import pay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _signed() -> Lease:
    return lease_in(Lease.Status.SIGNED, payment_cycle="monthly", due_day=5)


def test_move_in_charges_issue_bills_the_first_period_and_sends_the_notice(
    finance_manager, tasks_inline, django_capture_on_commit_callbacks
):
    # given
    lease = _signed()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        document = move_in_charges_issue(lease=lease, by=finance_manager, today=TODAY)
    # then
    bill = Bill.objects.get(lease=lease, kind=Bill.Kind.REGULAR)
    assert bill.period_start == lease.start_date
    assert document.number == notice_number(lease) and document.visible_to_tenant
    notice = Notice.objects.get(attachment=document)
    assert notice.tenant_id == lease.tenant_id
    assert f"{lease.deposit_amount:,}" in notice.body and bill.number in notice.body
    (message,) = mail.outbox
    assert message.attachments


def test_the_notice_is_written_in_the_tenants_language_whoever_issues_it(finance_manager, tasks_inline):
    # given: an English-reading clerk, a tenant reading Simplified Chinese
    lease = _signed()
    lease.tenant.language = "zh-hans"
    lease.tenant.save(update_fields=["language"])
    # when
    document = move_in_charges_issue(lease=lease, by=finance_manager, today=TODAY)
    # then
    notice = Notice.objects.get(attachment=document)
    assert notice.subject == "客户缴费通知书"
    assert "押金" in notice.body
    assert document.title == f"租约 {lease.number} 的客户缴费通知书"


def test_move_in_charges_issue_twice_changes_nothing(finance_manager, tasks_inline):
    # given
    lease = _signed()
    first = move_in_charges_issue(lease=lease, by=finance_manager, today=TODAY)
    # when
    second = move_in_charges_issue(lease=lease, by=finance_manager, today=TODAY)
    # then
    assert second == first
    assert Bill.objects.filter(lease=lease).count() == 1
    assert Notice.objects.filter(tenant=lease.tenant).count() == 1
    assert Document.objects.filter(number=notice_number(lease)).count() == 1


def test_the_monthly_run_skips_the_first_bill_the_notice_issued(finance_manager):
    # given
    lease = _signed()
    move_in_charges_issue(lease=lease, by=finance_manager, today=TODAY)
    Lease.objects.filter(pk=lease.pk).update(status=Lease.Status.ACTIVE)
    # when
    billing_run(month=lease.start_date, today=TODAY)
    # then
    assert Bill.objects.filter(lease=lease, period_start=lease.start_date).count() == 1


def test_move_in_charges_issue_is_refused_to_the_front_desk_and_for_a_draft(front_desk, finance_manager):
    # given
    signed, draft = _signed(), lease_in(Lease.Status.DRAFT)
    # when / then
    with pytest.raises(PermissionDenied):
        move_in_charges_issue(lease=signed, by=front_desk, today=TODAY)
    with pytest.raises(DomainError):
        move_in_charges_issue(lease=draft, by=finance_manager, today=TODAY)
    assert not Bill.objects.filter(lease__in=[signed, draft]).exists()


def test_the_missing_first_bill_says_where_it_is_issued():
    # given
    lease = _signed()
    # when
    refusals = move_in_charges_unpaid(lease=lease)
    # then
    assert "Billing → Move-in charges" in refusals[-1]


def test_the_daily_clock_issues_the_notices_of_signed_leases_once(tasks_inline):
    # given
    lease = _signed()
    # when
    billing_clock()
    billing_clock()
    # then
    assert Document.objects.filter(number=notice_number(lease)).count() == 1
    assert Bill.objects.filter(lease=lease, kind=Bill.Kind.REGULAR).count() == 1


def test_the_page_lists_a_waiting_lease_and_issues_its_notice(client, finance_manager, tasks_inline):
    # given
    lease = _signed()
    client.force_login(finance_manager)
    url = reverse("billing:move-in-charges")
    # when
    before = client.get(url)
    response = client.post(reverse("billing:move-in-charge-issue", args=[lease.pk]), follow=True)
    # then
    assert lease.number in before.content.decode()
    assert Document.objects.filter(number=notice_number(lease)).exists()
    page = response.content.decode()
    assert "Deposit of" in page and "not received" in page


@pytest.mark.parametrize("role", ["front_desk", "tenant_user"])
def test_the_page_and_the_issue_refuse_other_roles(client, request, role):
    # given
    lease = _signed()
    client.force_login(request.getfixturevalue(role))
    # when
    page = client.get(reverse("billing:move-in-charges"))
    issue = client.post(reverse("billing:move-in-charge-issue", args=[lease.pk]))
    # then
    assert page.status_code in (302, 403, 404) and issue.status_code in (302, 403, 404)
    assert not Document.objects.filter(number=notice_number(lease)).exists()


def _pay_all(lease: Lease, finance: Any) -> None:
    deposit_receive(lease=lease, amount=lease.deposit_amount, method="transfer", on=TODAY, by=finance)
    pay(lease.tenant, Bill.objects.get(lease=lease).total, by=finance, on=TODAY)


def test_sign_issue_pay_then_the_key_sheet_signs_without_override(front_desk, finance_manager, tasks_inline):
    # given a signed lease, its visit, its notice issued and nothing paid
    visit = identity_record(move_in_visit(keys_cleared=False))
    fill_keys(visit, front_desk)
    move_in_charges_issue(lease=visit.lease, by=finance_manager, today=TODAY)
    # when / then: refused while unpaid
    with pytest.raises(DomainError) as refused:
        sign(visit, Sheet.Kind.KEYS, front_desk)
    assert "not received" in refused.value.message and "First bill" in refused.value.message
    # when both are paid
    _pay_all(visit.lease, finance_manager)
    sheet = sign(visit, Sheet.Kind.KEYS, front_desk)
    # then
    assert sheet.status == Sheet.Status.SIGNED
    visit.refresh_from_db()
    assert visit.keys_override_at is None
    assert sheet_of(visit, Sheet.Kind.KEYS).status == Sheet.Status.SIGNED
