"""The move-in charge notice (《客户缴费通知书》): a signed lease's first bill, issued as the monthly
run would, and the notice naming the deposit and that bill, rendered and sent to the tenant's portal inbox."""

from datetime import date
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document
from documents.services import document_render, notice_send
from leasing.models import Lease
from tenancy.access import require_role
from tenancy.roles import Role
from tenancy.scope import scope

from ..document_kinds import BILL
from ..models import Bill
from ..money import money
from ..payee import payee_for_bill
from ..selectors import move_in_charges_unpaid
from .bills import _issue, _run_lock, bills_draft, credits_apply, regular_number
from .documents import _bill_lines, _unit_codes
from .ledger import period_check_open

ISSUERS = (Role.FINANCE, Role.MANAGEMENT)
# Leases that may get their notice: signed (keys not yet handed over) or already running.
NOTICE_STATUSES = (Lease.Status.SIGNED, Lease.Status.ACTIVE)
NOTICE_PREFIX = "MC"


def notice_number(lease: Lease) -> str:
    """The notice's document number: one per lease, so a second notice cannot be filed."""
    return f"{NOTICE_PREFIX}-{lease.number}"[:40]


def _notices() -> QuerySet[Document]:
    """The move-in charge notices of the outer query's lease."""
    lease_type = ContentType.objects.get_for_model(Lease)
    return Document.objects.filter(
        about_type=lease_type, about_id=OuterRef("pk"), number__startswith=f"{NOTICE_PREFIX}-"
    )


def leases_with_notice_flag(leases: QuerySet[Lease]) -> QuerySet[Lease]:
    """The leases annotated ``has_notice``: whether their move-in charge notice was issued."""
    return leases.annotate(has_notice=Exists(_notices()))


def leases_awaiting_notice(user: User | None = None) -> QuerySet[Lease]:
    """Signed leases (of the user's buildings) whose move-in charge notice has not been issued yet."""
    signed = scope(Lease.objects.filter(status=Lease.Status.SIGNED), user, "building")
    return leases_with_notice_flag(signed).filter(has_notice=False).select_related("tenant").order_by("pk")


def first_bill(lease: Lease) -> Bill | None:
    """The lease's first regular bill (the run's or the notice's)."""
    return Bill.objects.filter(lease=lease, kind=Bill.Kind.REGULAR).order_by("period_start", "pk").first()


def _first_bill_issue(lease: Lease, today: date) -> Bill | None:
    """Issue the lease's first cycle's bill through the run's own path (the run then finds it billed)."""
    _run_lock()
    month = lease.start_date.replace(day=1)
    drafts = bills_draft(month, [lease], today)
    if not drafts:
        return first_bill(lease)
    _issue(drafts, today=today, numbers=[regular_number(d) for d in drafts], kind=Bill.Kind.REGULAR)
    credits_apply(tenant_ids={lease.tenant_id}, today=today)
    return first_bill(lease)


@transaction.atomic
def move_in_charges_issue(*, lease: Lease, by: User | None, today: date) -> Document:
    """A signed (or active) lease gets its first bill and the move-in charge notice (deposit and that bill)
    in the tenant's portal inbox, once: a second call returns the notice already issued. Finance or
    management (``by=None`` is the daily clock)."""
    require_role(
        by, ISSUERS, _("Only finance or management may issue the move-in charge notice."), allow_system=True
    )
    lease = Lease.objects.select_for_update().select_related("tenant", "building").get(pk=lease.pk)
    existing = Document.objects.filter(number=notice_number(lease)).first()
    if existing is not None:
        return existing
    if lease.status not in NOTICE_STATUSES:
        raise DomainError(
            _("The move-in charge notice is for a signed or active lease (this one is %(status)s).")
            % {"status": lease.get_status_display()}
        )
    bill = first_bill(lease)
    if bill is None:
        period_check_open(today)
        bill = _first_bill_issue(lease, today)
    document = _notice_render(lease=lease, bill=bill, by=by, today=today)
    notice_send(
        tenant=lease.tenant,
        subject=gettext_lazy("Move-in charge notice"),
        body=lazy(partial(_notice_body, lease, bill), str)(),  # written in the tenant's language
        attachment=document,
        by=by,
    )
    return document


def _notice_render(*, lease: Lease, bill: Bill | None, by: User | None, today: date) -> Document:
    context = {
        "lease": lease,
        "bill": bill,
        "lines": _bill_lines(bill) if bill else [],
        "units": _unit_codes(bill) if bill else list(lease.units.values_list("code", flat=True)),
        "deposit": money(lease.deposit_amount),
        "total": money(lease.deposit_amount) + (bill.total if bill else 0),
        "today": today,
        "payee": payee_for_bill(bill) if bill else None,
    }
    return document_render(
        template="documents/forms/billing_move_in_notice.html",
        context=context,
        kind=BILL,
        title=lazy(partial(_notice_title, lease), str)(),  # in the tenant's language
        tenant=lease.tenant,
        about=lease,
        by=by,
        number_prefix=NOTICE_PREFIX,
        number=notice_number(lease),
        visible_to_tenant=True,
    )


def _notice_title(lease: Lease) -> str:
    return _("Move-in charge notice for lease %(lease)s") % {"lease": lease.number}


def _notice_body(lease: Lease, bill: Bill | None) -> str:
    parts = [
        _("Before the keys are handed over, please pay the deposit of ¥%(deposit)s for lease %(lease)s.")
        % {"deposit": f"{money(lease.deposit_amount):,.2f}", "lease": lease.number}
    ]
    if bill is not None:
        parts.append(
            _("Please also pay the first bill %(number)s of ¥%(total)s by %(due)s.")
            % {"number": bill.number, "total": f"{bill.total:,.2f}", "due": bill.due_date}
        )
    return " ".join(parts)


def move_in_charges_issue_due(*, today: date) -> int:
    """Daily: every signed lease without its move-in charge notice gets one; returns how many."""
    issued = 0
    for lease in leases_awaiting_notice():
        try:
            move_in_charges_issue(lease=lease, by=None, today=today)
        except DomainError:
            continue  # e.g. a closed period: the lease stays on the finance page, one refusal stops no other
        issued += 1
    return issued


def leases_notified(*, limit: int = 200, user: User | None = None) -> list[tuple[Lease, list[str]]]:
    """Signed or active leases (of the user's buildings) whose notice was issued, each with what the keys
    gate still waits for."""
    live = scope(Lease.objects.filter(status__in=NOTICE_STATUSES), user, "building")
    leases = (
        leases_with_notice_flag(live).filter(has_notice=True).select_related("tenant").order_by("-pk")[:limit]
    )
    return [(lease, move_in_charges_unpaid(lease=lease)) for lease in leases]
