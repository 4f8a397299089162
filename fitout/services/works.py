"""During works: inspections logged by engineering; rectification notices (装修整改通知单, with a
deadline) and violation notices (装修违章通知单, with an optional fine taken from the deposit); the tenant
answers them."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from billing.models import ChargeKind
from billing.money import ZERO, money
from billing.services.fitout_deposits import fitout_deposit_deduct
from billing.wording import SystemText
from documents.actors import User
from documents.errors import DomainError
from documents.services import document_number_next, document_render
from tenancy.access import require_role

from ..document_kinds import FITOUT_RECTIFICATION_NOTICE, FITOUT_VIOLATION_NOTICE
from ..models import Application, Inspection, Notice
from ..permissions import ENGINEERS, INSPECTORS, may
from ..printing import NOTICE_TEMPLATE, notice_context, notice_title
from .common import application_lock, event_add, tenant_tell

NOTICE_KINDS = {
    # (document kind, the notice's own number prefix, the printed form's number prefix)
    Notice.Kind.RECTIFICATION: (FITOUT_RECTIFICATION_NOTICE, "ZG", "ZGTZ"),
    Notice.Kind.VIOLATION: (FITOUT_VIOLATION_NOTICE, "WZ", "WZTZ"),
}


@transaction.atomic
def inspection_log(
    *, application: Application, inspected_on: date, findings: str, passed: bool, by: User
) -> Inspection:
    """Engineering or security logs an inspection of running works."""
    require_role(by, INSPECTORS)
    application = application_lock(application, Application.Status.WORKS)
    if not findings.strip():
        raise DomainError(_("Write what the inspection found."), field="findings")
    if inspected_on > timezone.localdate():
        raise DomainError(_("An inspection cannot be in the future."), field="inspected_on")
    inspection = Inspection.objects.create(
        application=application, inspected_on=inspected_on, findings=findings.strip(), passed=passed, by=by
    )
    event_add(application, gettext_noop("Inspection on %(day)s logged."), by, day=inspected_on.isoformat())
    return inspection


def _check_notice(kind: str, text: str, deadline: date | None, fine: Decimal) -> None:
    if kind not in Notice.Kind.values:
        raise DomainError(_("Choose the kind of notice."), field="kind")
    if not text.strip():
        raise DomainError(_("Say what must be done."), field="text")
    if kind == Notice.Kind.RECTIFICATION:
        if deadline is None or deadline < timezone.localdate():
            raise DomainError(_("A rectification notice needs a deadline from today on."), field="deadline")
        if fine:
            raise DomainError(_("Only a violation notice carries a fine."), field="fine")
    if fine < 0:
        raise DomainError(_("A fine cannot be negative."), field="fine")


@transaction.atomic
def notice_issue(
    *,
    application: Application,
    kind: str,
    text: str,
    deadline: date | None = None,
    fine: Decimal | None = None,
    bill_excess: bool = False,
    idempotency_key: str = "",
    by: User,
) -> Notice:
    """Issue a notice as PDF and tell the tenant; a violation's fine is deducted from the deposit, and what
    the deposit cannot cover is billed (only when ``bill_excess`` confirms it). The same form's key again
    returns the notice it issued and takes no second fine. Security issues violation notices only."""
    require_role(by, INSPECTORS)
    if kind != Notice.Kind.VIOLATION and not may(by, ENGINEERS):
        raise DomainError(_("Only engineering issues rectification notices."), field="kind")
    application = application_lock(application, Application.Status.WORKS)
    # A twin submission waited for the lock above: it finds the first one's notice.
    existing = _notice_for_key(application, idempotency_key)
    if existing is not None:
        return existing
    fine = money(fine or ZERO)
    _check_notice(kind, text, deadline, fine)
    document_kind, prefix, print_prefix = NOTICE_KINDS[kind]
    notice = Notice.objects.create(
        application=application,
        kind=kind,
        number=document_number_next(prefix=prefix),
        text=text.strip(),
        deadline=deadline,
        fine=fine,
        idempotency_key=idempotency_key,
        by=by,
    )
    if fine > 0:
        _fine_take(application, notice, bill_excess=bill_excess, by=by)
    document = document_render(
        template=NOTICE_TEMPLATE,
        context=notice_context(notice),
        kind=document_kind,
        title=notice_title(notice),
        tenant=application.tenant,
        about=application,
        by=by,
        number_prefix=print_prefix,
    )
    notice.document_id = document.pk
    notice.save(update_fields=["document_id"])
    issued = {
        Notice.Kind.RECTIFICATION: gettext_noop("Rectification notice %(number)s issued."),
        Notice.Kind.VIOLATION: gettext_noop("Violation notice %(number)s issued."),
    }[kind]
    event_add(application, issued, by, number=notice.number)
    tenant_tell(application, notice_title(notice), notice.text, document=document, by=by)
    return notice


def _notice_for_key(application: Application, key: str) -> Notice | None:
    if not key:
        return None
    existing = Notice.objects.filter(idempotency_key=key).first()
    if existing is not None and existing.application_id != application.pk:
        raise DomainError(_("The form has expired; open it again."))
    return existing


def _fine_take(application: Application, notice: Notice, *, bill_excess: bool, by: User) -> None:
    if application.deposit_account is None:
        raise DomainError(_("There is no fit-out deposit to deduct the fine from."), field="fine")
    try:
        deduction = fitout_deposit_deduct(
            account=application.deposit_account,
            amount=notice.fine,
            kind=ChargeKind.FITOUT_FINE,
            description=SystemText(gettext_noop("Fit-out fine %(number)s"), number=notice.number),
            source=f"fitout:fine:{notice.number}",
            bill_excess=bill_excess,
            by=by,
        )
    except DomainError as error:
        raise DomainError(error.message, field="fine") from None
    notice.fine_deducted, notice.fine_billed = deduction.deducted, deduction.billed
    notice.save(update_fields=["fine_deducted", "fine_billed"])


@transaction.atomic
def notice_answer(*, notice: Notice, answer: str, by: User) -> Notice:
    """The tenant answers a notice in the portal (once)."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.answered_at:
        raise DomainError(_("This notice has been answered already."))
    if not answer.strip():
        raise DomainError(_("Write your answer."), field="answer")
    notice.answer, notice.answered_at = answer.strip(), timezone.now()
    notice.save(update_fields=["answer", "answered_at"])
    event_add(notice.application, gettext_noop("The tenant answered %(number)s."), by, number=notice.number)
    return notice
