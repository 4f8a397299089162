"""Supplementary settlements (补充结算): what arrives after a lease's move-out settlement is not lost.

Damages or missing keys on a move-out sheet signed later, closing readings confirmed later, one-off charges
recorded later and bills issued after the settlement are settled again, as a new record: the remaining
deposit (what it holds beyond the refunds already asked for) is applied to what is owed, the rest stays
billed to the tenant, and a refund of what is left over is asked for (a second person approves it). The first
settlement and its statement are never changed.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document
from documents.services import document_render, notice_send
from leasing.models import Lease
from tenancy.access import require_role

from ..document_kinds import SETTLEMENT_STATEMENT
from ..models import Bill, Charge, ChargeKind, DepositAccount, Refund, SupplementarySettlement
from ..money import ZERO, money
from ..selectors import open_bills, tenant_credit
from ..wording import charge_text, handover_charge_text
from .bills import _issue, bill_issue_extra, regular_number
from .deposits import Payee, refund_open
from .settlement import SETTLERS
from .settlement_preview import SettlementPreview, meter_rows, rent_bills_to_end

# Who settles: finance (the same as the move-out settlement).
PREFIX = "STB"


def last_settled_at(lease: Lease) -> datetime:
    """When the lease was last settled (its settlement or latest supplementary settlement)."""
    latest = lease.supplementary_settlements.aggregate(at=Max("created_at"))["at"]
    return max(filter(None, (lease.settlement.created_at, latest)))


def _new_handover_charges(lease: Lease) -> list[tuple[str, str, Any, str]]:
    """The signed move-out sheets' damages and missing keys not yet recorded as charges (kind, description,
    amount, source)."""
    from handover.models import Visit
    from handover.selectors import damage_charges_for

    found = []
    for visit in Visit.objects.filter(lease=lease, kind=Visit.Kind.MOVE_OUT).order_by("pk"):
        for index, charge in enumerate(damage_charges_for(visit)):
            kind = ChargeKind.MISSING_KEY if charge.kind == "missing_key" else ChargeKind.DAMAGE
            found.append((kind, handover_charge_text(charge), charge.amount, f"handover:{visit.pk}:{index}"))
    recorded = set(Charge.objects.filter(source__in=[f[3] for f in found]).values_list("source", flat=True))
    return [f for f in found if f[3] not in recorded]


def deposit_left(account: DepositAccount | None) -> Any:
    """What the lease deposit holds beyond the refunds already asked for and not yet decided."""
    if account is None:
        return ZERO
    asked = account.refunds.filter(status=Refund.Status.REQUESTED).aggregate(t=Sum("amount"))["t"] or ZERO
    return money(max(account.held - asked, ZERO))


@dataclass
class SupplementPreview(SettlementPreview):
    """The settlement preview of what arrived later, with the bills issued since the last settlement."""

    late_bills: list[Bill] = field(default_factory=list)


def supplement_preview(*, lease: Lease, today: Any) -> SupplementPreview:
    """What a supplementary settlement today would charge and apply (nothing is saved)."""
    from .utilities import closing_utility_lines

    preview = SupplementPreview(lease=lease, rent_bills=rent_bills_to_end(lease, today))
    preview.meters, preview.problems = meter_rows(lease)
    preview.utility_lines = closing_utility_lines(lease)
    preview.charges = [(kind, text, amount) for kind, text, amount, _s in _new_handover_charges(lease)]
    pending = Charge.objects.filter(lease=lease, bill__isnull=True).order_by("pk")
    preview.charges += [(c.kind, charge_text(c), c.amount) for c in pending]
    preview.unpaid = list(open_bills(lease.tenant_id))
    preview.credit = tenant_credit(lease.tenant_id)
    account = DepositAccount.objects.filter(lease=lease, purpose=DepositAccount.Purpose.LEASE).first()
    preview.deposit = deposit_left(account)
    since = last_settled_at(lease)
    preview.late_bills = [b for b in preview.unpaid if b.lease_id == lease.pk and b.created_at > since]
    return preview


def something_arrived(preview: SupplementPreview) -> bool:
    """Whether anything is left to settle: new rent, readings or charges, or a bill issued since."""
    return bool(preview.rent_bills or preview.utility_lines or preview.charges or preview.late_bills)


@transaction.atomic
def settlement_supplement(
    *, lease: Lease, by: User, today: Any = None, payee: Payee | None = None
) -> SupplementarySettlement:
    """Settle what arrived after the lease's settlement: bill it, apply the deposit left, ask for the refund
    of what remains (or leave the balance billed), and send the statement to the tenant."""
    from .settlement import _deposit_apply, handover_charges_record

    require_role(by, SETTLERS, _("Only finance settles a lease."))
    today = today or timezone.localdate()
    lease = Lease.objects.select_for_update().select_related("tenant", "building").get(pk=lease.pk)
    if not hasattr(lease, "settlement"):
        raise DomainError(_("This lease has not been settled yet: settle it first."))
    preview = supplement_preview(lease=lease, today=today)
    if preview.problems:
        raise DomainError(" ".join(preview.problems))
    if not something_arrived(preview):
        raise DomainError(
            _("Nothing has arrived for lease %(number)s since its last settlement.")
            % {"number": lease.number}
        )
    new_total = preview.rent_total + preview.utilities_total + preview.charges_total
    if preview.rent_bills:
        numbers = [regular_number(d) for d in preview.rent_bills]
        _issue(preview.rent_bills, today=today, numbers=numbers, kind=Bill.Kind.REGULAR)
    handover_charges_record(lease=lease, today=today, by=by)
    bill_issue_extra(lease=lease, today=today, lines=preview.utility_lines)
    account = DepositAccount.objects.select_for_update().filter(lease=lease, purpose="lease").first()
    available = deposit_left(account)
    owed = money(
        sum((b.outstanding for b in open_bills(lease.tenant_id)), ZERO) - tenant_credit(lease.tenant_id)
    )
    applied = max(min(available, owed), ZERO)
    sequence = lease.supplementary_settlements.count() + 1
    if applied > 0:
        assert account is not None
        _deposit_apply(lease=lease, account=account, amount=applied, today=today, by=by, key=f"s{sequence}")
    supplement = SupplementarySettlement.objects.create(
        lease=lease,
        sequence=sequence,
        new_charges=money(new_total),
        owed=max(owed, ZERO),
        deposit=available,
        applied=applied,
        refund_due=available - applied,
        balance_due=max(owed - applied, ZERO),
        by=by,
    )
    document = _render(supplement, preview, by)
    supplement.document_id = document.pk
    supplement.save(update_fields=["document_id"])
    if supplement.refund_due > 0:
        assert account is not None
        refund_open(account=account, amount=supplement.refund_due, by=by, payee=payee)
    notice_send(
        tenant=lease.tenant,
        subject=lazy(partial(_title, supplement), str)(),
        body=lazy(partial(_body, supplement), str)(),  # in the tenant's language
        attachment=document,
        by=by,
    )
    return supplement


def _title(supplement: SupplementarySettlement) -> str:
    return _("Supplementary settlement %(lease)s no. %(n)s") % {
        "lease": supplement.lease.number,
        "n": supplement.sequence,
    }


def _body(supplement: SupplementarySettlement) -> str:
    return _(
        "Charges arrived after the move-out settlement of lease %(lease)s: %(new)s. Owed %(owed)s, deposit "
        "applied %(applied)s, refund due %(refund)s, balance due %(balance)s."
    ) % {
        "lease": supplement.lease.number,
        "new": supplement.new_charges,
        "owed": supplement.owed,
        "applied": supplement.applied,
        "refund": supplement.refund_due,
        "balance": supplement.balance_due,
    }


def _render(supplement: SupplementarySettlement, preview: SupplementPreview, by: User) -> Document:
    lease = supplement.lease
    since = lease.settlement.created_at
    context = {
        "settlement": supplement,
        "lease": lease,
        "preview": preview,
        "bills": list(lease.bills.filter(created_at__gt=since).order_by("due_date", "pk")),
    }
    return document_render(
        template="documents/forms/billing_settlement_supplementary.html",
        context=context,
        kind=SETTLEMENT_STATEMENT,
        title=lazy(partial(_title, supplement), str)(),
        tenant=lease.tenant,
        about=lease,
        by=by,
        number_prefix=PREFIX,
    )


def leases_awaiting_supplement() -> QuerySet[Lease]:
    """Settled leases where something arrived since the last settlement: a charge not billed, a bill issued
    and still open, or a move-out sheet signed (new damages, keys or closing readings)."""
    from handover.models import Sheet, Visit

    latest = (
        SupplementarySettlement.objects.filter(lease=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    leases = Lease.objects.filter(settlement__isnull=False).annotate(
        settled_at=Greatest("settlement__created_at", Coalesce(Subquery(latest), "settlement__created_at"))
    )
    pending = Charge.objects.filter(lease=OuterRef("pk"), bill__isnull=True)
    late_bill = Bill.objects.filter(
        lease=OuterRef("pk"), settled_on__isnull=True, created_at__gt=OuterRef("settled_at")
    )
    late_sheet = Sheet.objects.filter(
        visit__lease=OuterRef("pk"),
        visit__kind=Visit.Kind.MOVE_OUT,
        kind__in=(Sheet.Kind.KEYS, Sheet.Kind.METERS, Sheet.Kind.ACCEPTANCE),
        status=Sheet.Status.SIGNED,
        signed_at__gt=OuterRef("settled_at"),
    )
    return (
        leases.filter(Q(Exists(pending)) | Q(Exists(late_bill)) | Q(Exists(late_sheet)))
        .select_related("tenant", "building")
        .order_by("settled_at", "number")
    )
