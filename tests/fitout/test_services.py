"""Fit-out's rules, through its services: what an application needs, review rounds, what the permit needs,
the units' status, worker passes, notices and fines, completion and the refund."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from billing.models import Account, Bill, Charge, DepositAccount, DepositMovement, JournalLine, Refund
from billing.services.ledger import account_balance
from documents.errors import DomainError
from documents.models import Document, Signature
from documents.models import Notice as InboxNotice
from fitout import services
from fitout.document_kinds import (
    DRAWING,
    DRAWING_REVIEW,
    FITOUT_AGREEMENT,
    FITOUT_PERMIT,
    FITOUT_RECTIFICATION_NOTICE,
    FITOUT_VIOLATION_NOTICE,
    WORKER_PASS,
)
from fitout.models import Application, Event, Notice, Worker
from fitout.models.applications import SUBMITTED_WITH_DRAWINGS_OLD
from leasing.models import Unit

from .factories import (
    DEPOSIT,
    application_input,
    applied,
    approve,
    bill_deposit,
    jpeg,
    live_lease,
    pay_deposit,
    pdf,
    permitted,
    power,
    ready,
    sign,
    staff,
    today,
    worker,
)

pytestmark = pytest.mark.django_db
BIG = Decimal("20000.00")  # any refund is approved and paid by a second person in finance


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English."""
    with translation.override("en"):
        yield


def _refused(field: str | None, call, *args, **kwargs) -> DomainError:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.field == field, caught.value.message
    return caught.value


# Application


def test_application_submit_stores_the_drawings_as_drawing_documents(tenant):
    # when
    application = applied(tenant, drawings=[pdf("plan.pdf"), pdf("ceiling.pdf")])
    # then
    assert application.status == Application.Status.SUBMITTED
    assert application.number.startswith("ZX-")
    drawings = Document.objects.filter(kind=DRAWING, tenant=tenant)
    assert sorted(drawings.values_list("original_filename", flat=True)) == ["ceiling.pdf", "plan.pdf"]
    assert [d.review_round for d in application.drawings.all()] == [1, 1]


def test_application_submit_refuses_a_drawing_that_is_not_a_pdf(tenant):
    # given
    lease = live_lease(tenant)
    picture = jpeg("plan.jpg")
    # when / then
    error = _refused(
        "drawings",
        services.application_submit,
        data=application_input(lease, drawings=[picture]),
        tenant=tenant,
        by=staff("front_desk"),
    )
    assert "plan.jpg" in error.message
    assert not Application.objects.exists() and not Document.objects.exists()


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
def test_application_submit_refuses_a_schedule_outside_the_lease(tenant, field):
    # given
    lease = live_lease(tenant)
    outside = {
        "starts_on": lease.start_date - timedelta(days=1),
        "ends_on": lease.end_date + timedelta(days=1),
    }
    # when / then
    _refused(
        field,
        services.application_submit,
        data=application_input(lease, **{field: outside[field]}),
        tenant=tenant,
        by=staff("front_desk"),
    )
    assert not Application.objects.exists()


def test_application_submit_refuses_another_tenants_lease_and_units_outside_the_lease(tenant, other_tenant):
    # given
    lease, other = live_lease(tenant), live_lease(other_tenant)
    # when / then
    _refused("lease", services.application_submit, data=application_input(other), tenant=tenant, by=None)
    _refused(
        "units",
        services.application_submit,
        data=application_input(lease, units=list(other.units.all())),
        tenant=tenant,
        by=None,
    )


def test_application_sign_prints_the_agreement_with_both_signatures(tenant):
    # given
    application = applied(tenant)
    # when
    application = sign(application)
    # then
    document = Document.objects.get(pk=application.agreement_document_id)
    assert document.kind == FITOUT_AGREEMENT and document.tenant == tenant
    assert sorted(Signature.objects.filter(document=document).values_list("signer_name", flat=True)) == [
        "李华",
        "赵强",
    ]
    with pytest.raises(DomainError):
        sign(application)


# Review


def test_review_rounds_changes_then_resubmission_then_approval(tenant):
    # given
    application = applied(tenant)
    drawing = application.drawings.get()
    engineer = staff("engineering")
    # when: round 1 asks for changes with a comment on the drawing
    review = services.review_record(
        application=application,
        verdict="changes",
        opinion="消防通道被隔墙阻挡",
        required_changes="移动隔墙",
        comments={drawing.pk: "隔墙位置需调整"},
        by=engineer,
    )
    # then
    application.refresh_from_db()
    assert application.status == Application.Status.CHANGES
    assert Document.objects.get(pk=review.document_id).kind == DRAWING_REVIEW
    assert list(review.comments.values_list("text", flat=True)) == ["隔墙位置需调整"]
    assert InboxNotice.objects.filter(tenant=tenant, attachment_id=review.document_id).exists()
    # when: the tenant resubmits; round 2 is approved
    services.application_resubmit(application=application, drawings=[pdf("plan-v2.pdf")], by=None)
    application.refresh_from_db()
    assert (application.status, application.review_round) == (Application.Status.SUBMITTED, 2)
    services.review_record(application=application, verdict="approved", opinion="同意", by=engineer)
    # then
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert list(application.reviews.values_list("review_round", "verdict")) == [
        (1, "changes"),
        (2, "approved"),
    ]


def test_review_asking_for_changes_must_say_which(tenant):
    application = applied(tenant)
    _refused(
        "required_changes",
        services.review_record,
        application=application,
        verdict="changes",
        opinion="需修改",
        required_changes=" ",
        by=staff("engineering"),
    )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and not application.reviews.exists()


# Deposit and permit


def test_permit_is_refused_before_the_deposit_is_paid(tenant):
    # given: approved, signed, power recorded, deposit billed but not paid
    application = power(bill_deposit(approve(sign(applied(tenant)))))
    # when / then
    error = _refused(None, services.permit_issue, application=application, by=staff("engineering"))
    assert "deposit" in error.message
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED and not application.permit_number


def test_permit_is_refused_before_the_drawings_are_approved(tenant):
    # given: signed, deposit billed and paid, power recorded, drawings still under review
    application = power(bill_deposit(sign(applied(tenant))))
    pay_deposit(application)
    # when / then
    error = _refused(None, services.permit_issue, application=application, by=staff("engineering"))
    assert "drawings" in error.message


def test_permit_is_refused_without_the_fire_safety_approval_where_the_scope_needs_it(tenant):
    application = ready(tenant, needs_fire_approval=True)
    error = _refused(None, services.permit_issue, application=application, by=staff("engineering"))
    assert "fire" in error.message
    services.fire_approval_upload(application=application, file=pdf("fire.pdf"), by=None)
    services.permit_issue(application=application, by=staff("engineering"))
    application.refresh_from_db()
    assert application.status == Application.Status.WORKS


def test_permit_issue_prints_the_permit_and_puts_the_units_under_fit_out(tenant):
    # when
    application = permitted(tenant)
    # then
    assert application.status == Application.Status.WORKS and application.permit_number.startswith("ZXXK-")
    assert Document.objects.get(pk=application.permit_document_id).kind == FITOUT_PERMIT
    assert set(application.units.values_list("status", flat=True)) == {Unit.Status.FIT_OUT}
    assert application.deposit_account.held == DEPOSIT


def test_the_deposit_is_billed_as_a_liability_not_income_and_kept_apart_from_the_lease_deposit(tenant):
    # given
    application = bill_deposit(approve(sign(applied(tenant))))
    account = application.deposit_account
    # then: a bill the tenant pays, posting receivable against deposits held
    bill = account.bill
    assert bill.kind == Bill.Kind.EXTRA and bill.total == DEPOSIT
    assert list(bill.lines.values_list("kind", flat=True)) == ["fitout_dep"]
    assert account.purpose == DepositAccount.Purpose.FITOUT and account.held == 0
    assert not JournalLine.objects.filter(entry=bill.entry, account__startswith="6").exists()
    assert account_balance(Account.DEPOSITS_HELD, tenant_id=tenant.pk) == -DEPOSIT
    # when the bill is paid and the permit asks, the deposit holds it (once)
    pay_deposit(application)
    assert services.deposit_check_paid(application=application, by=None)
    assert services.deposit_check_paid(application=application, by=None)
    account.refresh_from_db()
    assert account.held == DEPOSIT and account.movements.count() == 1


def test_the_deposit_cannot_be_billed_twice(tenant):
    application = bill_deposit(applied(tenant))
    with pytest.raises(DomainError):
        bill_deposit(application)
    assert Bill.objects.filter(tenant=tenant).count() == 1


# Worker passes


def test_worker_pass_is_valid_within_the_permit_and_printed_with_a_qr_code(tenant):
    # given
    application = permitted(tenant)
    # when
    w = worker(application)
    # then
    assert (w.valid_from, w.valid_until) == (max(today(), application.starts_on), application.ends_on)
    assert Document.objects.get(pk=w.pass_document_id).kind == WORKER_PASS
    check = services.pass_check(number=w.pass_number, today=application.starts_on)
    assert check.verdict == "valid" and check.worker == w


def test_an_expired_or_revoked_pass_checks_as_invalid(tenant):
    # given
    application = permitted(tenant)
    w = worker(application)
    # when / then: the day after the permit ends
    expired = services.pass_check(number=w.pass_number, today=application.ends_on + timedelta(days=1))
    assert expired.verdict == "expired" and not expired.is_valid
    # when / then: revoked
    services.worker_pass_revoke(worker=w, reason="未按规定佩戴", by=staff("security"))
    revoked = services.pass_check(number=w.pass_number, today=application.starts_on)
    assert revoked.verdict == "revoked" and not revoked.is_valid
    assert services.pass_check(number="SGZ-0000-000000").verdict == "unknown"


@pytest.mark.parametrize(("id_number", "message"), [("", "ID"), ("310101198506150011", "check digit")])
def test_a_worker_without_a_valid_id_number_gets_no_pass(tenant, id_number, message):
    application = permitted(tenant)
    error = _refused(
        "id_number",
        services.worker_register,
        application=application,
        name="王师傅",
        id_number=id_number,
        trade="木工",
        photo=jpeg(),
        by=staff("security"),
    )
    assert message in error.message
    assert not Worker.objects.exists()


def test_workers_are_registered_only_while_works_run(tenant):
    application = ready(tenant)
    with pytest.raises(DomainError):
        worker(application)


# Notices and fines


def test_rectification_notice_needs_a_deadline_and_is_answered_by_the_tenant(tenant, tenant_user):
    # given
    application = permitted(tenant)
    engineer = staff("engineering")
    _refused(
        "deadline",
        services.notice_issue,
        application=application,
        kind="rectification",
        text="清理消防通道",
        by=engineer,
    )
    # when
    notice = services.notice_issue(
        application=application,
        kind="rectification",
        text="清理消防通道",
        deadline=today() + timedelta(days=3),
        by=engineer,
    )
    # then
    assert Document.objects.get(pk=notice.document_id).kind == FITOUT_RECTIFICATION_NOTICE
    assert InboxNotice.objects.filter(tenant=tenant, attachment_id=notice.document_id).exists()
    _refused("answer", services.notice_answer, notice=notice, answer="  ", by=tenant_user)
    services.notice_answer(notice=notice, answer="已清理完毕", by=tenant_user)
    notice.refresh_from_db()
    assert notice.answer == "已清理完毕" and notice.answered_at is not None


def test_a_violation_fine_is_deducted_from_the_deposit(tenant):
    # given
    application = permitted(tenant)
    # when
    notice = services.notice_issue(
        application=application,
        kind="violation",
        text="夜间施工噪音",
        fine=Decimal("1500.00"),
        by=staff("engineering"),
    )
    # then
    assert (notice.fine_deducted, notice.fine_billed) == (Decimal("1500.00"), Decimal("0.00"))
    assert Document.objects.get(pk=notice.document_id).kind == FITOUT_VIOLATION_NOTICE
    application.deposit_account.refresh_from_db()
    assert application.deposit_account.held == Decimal("8500.00")
    assert account_balance(Account.OTHER_INCOME) == Decimal("-1500.00")


def test_a_fine_larger_than_the_deposit_is_refused_unless_the_excess_is_billed(tenant):
    # given: 1000 held
    application = permitted(tenant, deposit=Decimal("1000.00"))
    engineer = staff("engineering")
    # when / then: refused at the fine with the amounts, nothing changed
    error = _refused(
        "fine",
        services.notice_issue,
        application=application,
        kind="violation",
        text="破坏消防设施",
        fine=Decimal("1800.00"),
        by=engineer,
    )
    assert "1000.00" in error.message and "800.00" in error.message
    assert not Notice.objects.exists()
    # when: confirmed
    notice = services.notice_issue(
        application=application,
        kind="violation",
        text="破坏消防设施",
        fine=Decimal("1800.00"),
        bill_excess=True,
        by=engineer,
    )
    # then: the deposit is empty and the rest waits on the next bill
    assert (notice.fine_deducted, notice.fine_billed) == (Decimal("1000.00"), Decimal("800.00"))
    application.deposit_account.refresh_from_db()
    assert application.deposit_account.held == 0
    charge = Charge.objects.get(lease=application.lease, kind="fitout_fine")
    assert charge.amount == Decimal("800.00") and charge.bill is None


# Completion


def test_completion_refunds_the_deposit_less_fines_and_damages_exactly(tenant):
    # given: 20000 held, fines 1234.56 and 0.44
    application = permitted(tenant, deposit=BIG)
    engineer = staff("engineering")
    for fine in ("1234.56", "0.44"):
        services.notice_issue(
            application=application, kind="violation", text="违章", fine=Decimal(fine), by=engineer
        )
    w = worker(application)
    # when: accepted with 765.00 damages
    application = services.completion_accept(
        application=application, findings="验收合格", damages=Decimal("765.00"), by=engineer
    )
    # then
    assert application.status == Application.Status.COMPLETED
    refund = application.refund
    assert refund.amount == Decimal("20000.00") - Decimal("1234.56") - Decimal("0.44") - Decimal("765.00")
    assert refund.amount == Decimal("18000.00")
    assert refund.status == Refund.Status.REQUESTED  # finance approves and pays it, never the completion
    assert set(application.units.values_list("status", flat=True)) == {Unit.Status.OCCUPIED}
    assert services.pass_check(number=w.pass_number, today=application.starts_on).verdict == "revoked"
    applied_total = sum(
        application.deposit_account.movements.filter(kind=DepositMovement.Kind.APPLIED).values_list(
            "amount", flat=True
        )
    )
    assert applied_total == Decimal("2000.00")


def test_the_refund_is_paid_through_billings_approval_by_someone_else(tenant):
    from billing.services.deposits import Payee, refund_approve

    # given
    application = permitted(tenant, deposit=BIG)
    application = services.completion_accept(
        application=application, findings="合格", by=staff("engineering")
    )
    # when
    refund_approve(
        refund=application.refund, by=staff("finance"), payee=Payee(bank="ICBC", account="6222 0000 1111")
    )
    # then
    application.deposit_account.refresh_from_db()
    assert application.deposit_account.held == 0
    assert account_balance(Account.DEPOSITS_HELD, tenant_id=tenant.pk) == 0
    assert account_balance(Account.BANK) == 0  # paid in, refunded out


def test_a_completed_fit_out_takes_no_more_notices(tenant):
    application = permitted(tenant)
    services.completion_accept(application=application, findings="合格", by=staff("engineering"))
    with pytest.raises(DomainError):
        services.notice_issue(application=application, kind="violation", text="x", by=staff("engineering"))


def test_the_ledger_stays_balanced_through_the_whole_fit_out(tenant):
    application = permitted(tenant, deposit=Decimal("500.00"))
    services.notice_issue(
        application=application,
        kind="violation",
        text="违章",
        fine=Decimal("700.00"),
        bill_excess=True,
        by=staff("engineering"),
    )
    services.completion_accept(application=application, findings="合格", by=staff("engineering"))
    from django.db.models import Sum

    totals = JournalLine.objects.aggregate(d=Sum("debit"), c=Sum("credit"))
    assert totals["d"] == totals["c"]
    assert timezone.localdate() == today()


def test_the_history_is_shown_in_the_readers_language(tenant):
    # given: logged while the user works in Chinese
    with translation.override("zh-hans"):
        application = approve(applied(tenant))
    event = application.events.last()
    # when / then
    with translation.override("en"):
        assert event.shown == "Review round 1: approved."
    with translation.override("zh-hans"):
        assert event.shown == "第 1 轮图纸审核：已批准。"


@pytest.mark.parametrize(
    ("call", "role"),
    [
        (
            lambda a, by: services.review_record(application=a, verdict="approved", opinion="ok", by=by),
            "front_desk",
        ),
        (
            lambda a, by: services.deposit_bill(application=a, amount=DEPOSIT, due_date=today(), by=by),
            "engineering",
        ),
        (lambda a, by: services.permit_issue(application=a, by=by), "finance"),
    ],
)
def test_services_check_the_role_again(tenant, call, role):
    from django.core.exceptions import PermissionDenied

    application = applied(tenant)
    with pytest.raises(PermissionDenied):
        call(application, staff(role))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and not application.deposit_account_id


def test_the_submitted_step_counts_its_drawings_with_the_right_plural(tenant):
    # given: an application with one drawing, and a step written before plurals (stored "drawing(s)")
    application = applied(tenant)
    submitted = application.events.first()
    older = Event.objects.create(application=application, text=SUBMITTED_WITH_DRAWINGS_OLD, params={"n": 2})
    # when / then
    with translation.override("en"):
        assert submitted.shown == "Application submitted with 1 drawing."
        assert older.shown == "Application submitted with 2 drawings."
    with translation.override("zh-hans"):
        assert submitted.shown == "装修申请已提交，附图纸 1 份。"


def test_completion_asks_finance_to_refund_even_a_small_deposit(tenant):
    # given: a deposit of 5,000 (once paid back at once by the completion)
    application = permitted(tenant, deposit=Decimal("5000.00"))
    # when
    application = services.completion_accept(
        application=application, findings="合格", by=staff("engineering")
    )
    # then: a request for finance, nothing paid out
    assert application.refund.status == Refund.Status.REQUESTED and application.refund.movement is None
    application.deposit_account.refresh_from_db()
    assert application.deposit_account.held == Decimal("5000.00")
    assert account_balance(Account.DEPOSITS_HELD, tenant_id=tenant.pk) == Decimal("-5000.00")
