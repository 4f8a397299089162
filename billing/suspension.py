"""Service suspension for arrears (停止服务): billing's fact, asked by every app that offers what it stops.

A tenant is suspended while a letter that suspends service (the final notice, or any later stage) is out
on a bill that is still not settled. The fact is derived, never stored, so it has one writer: the payment
(or credit note) that settles the last such bill lifts the suspension in its own transaction
(``bill_settle_if_paid`` sets the bill's ``settled_on``), and nothing has to be undone or kept in step.

While suspended, these are refused with the reason: a paid-service quote (servicedesk), a fit-out permit
and a worker pass (fitout), a relocation booking (handover asks its ``RELOCATION_BOOKED`` gate). Repairs
are never blocked, nor is a paid service that concerns safety (an urgent ticket): the building stays safe
whatever is owed.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.banners import Banner
from documents.errors import DomainError

from .models import Bill
from .money import ZERO, money
from .selectors import bills_with_balance, suspended_letters

# What a suspension stops, named for the refusal ("… a fit-out permit is refused …").
BLOCKED = {
    "paid_service": gettext_lazy("a paid service"),
    "fitout_permit": gettext_lazy("a fit-out permit"),
    "worker_pass": gettext_lazy("a worker pass"),
    "relocation": gettext_lazy("a relocation booking"),
    "freight_lift": gettext_lazy("a freight-lift request"),
}


@dataclass(frozen=True)
class Suspension:
    """Why a tenant is suspended: since the first suspending letter still in force, and what is overdue."""

    since: date
    overdue: Decimal


def tenant_suspension(tenant_id: int, *, today: date | None = None) -> Suspension | None:
    """The tenant's suspension, or None when its service runs."""
    since = suspended_letters().filter(bill__tenant_id=tenant_id).aggregate(since=Min("sent_on"))["since"]
    if since is None:
        return None
    today = today or timezone.localdate()
    overdue = (
        bills_with_balance(
            Bill.objects.filter(tenant_id=tenant_id, settled_on__isnull=True, due_date__lt=today)
        )
        .filter(outstanding__gt=0)
        .aggregate(total=Sum("outstanding"))["total"]
    )
    return Suspension(since=since, overdue=money(overdue or ZERO))


def suspension_refusal(*, tenant_id: int | None, action: str) -> str | None:
    """The reason a suspended tenant is refused ``action`` (a key of ``BLOCKED``), or None."""
    suspension = tenant_suspension(tenant_id) if tenant_id else None
    if suspension is None:
        return None
    return _(
        "Service is suspended for arrears since %(since)s (¥%(amount)s overdue): %(action)s is refused until "
        "the arrears are paid."
    ) % {
        "since": suspension.since.isoformat(),
        "amount": f"{suspension.overdue:,}",
        "action": BLOCKED[action],
    }


def suspension_refuse(*, tenant_id: int | None, action: str, field: str | None = None) -> None:
    """Raise the domain error a service shows when the tenant is suspended."""
    reason = suspension_refusal(tenant_id=tenant_id, action=action)
    if reason:
        raise DomainError(reason, field=field)


def relocation_refusals(*, visit: Any, **facts: Any) -> list[str]:
    """``handover.gates.RELOCATION_BOOKED``: no freight lift for a suspended tenant's move."""
    reason = suspension_refusal(tenant_id=visit.tenant_id, action="relocation")
    return [reason] if reason else []


# Where a page that loaded the tenant's open bills leaves the suspension it read from them, by tenant id.
REQUEST_MEMO = "billing_suspensions"


def suspension_remember(request: Any, *, tenant_id: int, suspension: Suspension | None) -> None:
    """Keep the suspension a page has already read (the portal home reads it with the open bills) for the
    banner of the same request, which then costs no query."""
    if request is not None:
        memo = getattr(request, REQUEST_MEMO, None) or {}
        memo[tenant_id] = suspension
        setattr(request, REQUEST_MEMO, memo)


def _request_suspension(request: Any, tenant_id: int) -> Suspension | None:
    memo = getattr(request, REQUEST_MEMO, None) or {}
    return memo[tenant_id] if tenant_id in memo else tenant_suspension(tenant_id)


def freight_lift_refusals(*, tenant_id: int, **facts: Any) -> list[str]:
    """``handover.gates.FREIGHT_LIFT_REQUESTED``: no freight lift for a suspended tenant, as for a move."""
    reason = suspension_refusal(tenant_id=tenant_id, action="freight_lift")
    return [reason] if reason else []


def suspension_banners(*, tenant_id: int, audience: str, request: Any = None) -> list[Banner]:
    """``documents.banners.TENANT_BANNERS``: a suspended tenant's pages (staff and portal) say so."""
    suspension = _request_suspension(request, tenant_id)
    if suspension is None:
        return []
    values = {"since": suspension.since.isoformat(), "amount": f"{suspension.overdue:,}"}
    if audience == "portal":
        text = _(
            "Your services are suspended for arrears since %(since)s (¥%(amount)s overdue). Paid services, "
            "fit-out permits, worker passes and relocation bookings are refused until the arrears are paid; "
            "repairs that concern safety are always carried out."
        )
    else:
        text = _(
            "Service suspended for arrears since %(since)s (¥%(amount)s overdue): paid services, fit-out "
            "permits, worker passes and relocation bookings are refused; safety repairs go ahead."
        )
    return [Banner(text=text % values, level="danger", testid="suspension-banner")]
