"""Read-side queries of fit-out, with what their pages show fetched up front."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from billing.models import DepositAccount
from tenancy.validators import mask_id_number

from .models import Application, Drawing, Notice, Review, Worker
from .services.workers import pass_status


def application_list() -> QuerySet[Application]:
    return Application.objects.select_related("tenant", "lease").prefetch_related("units")


def application_detail() -> QuerySet[Application]:
    return (
        application_list()
        .select_related("deposit_account__bill", "refund")
        .prefetch_related(
            Prefetch("drawings", queryset=Drawing.objects.prefetch_related("comments")),
            Prefetch(
                "reviews", queryset=Review.objects.select_related("by").prefetch_related("comments__drawing")
            ),
            Prefetch("workers", queryset=Worker.objects.order_by("pk")),
            Prefetch("notices", queryset=Notice.objects.order_by("-created_at", "-pk")),
            "inspections",
            "events__by",
        )
    )


@dataclass(frozen=True)
class DepositState:
    billed: Decimal | None
    bill_number: str
    bill_id: int | None
    paid: bool
    held: Decimal


def deposit_state(application: Application) -> DepositState | None:
    account: DepositAccount | None = application.deposit_account
    if account is None:
        return None
    bill = account.bill
    return DepositState(
        billed=bill.total if bill else None,
        bill_number=bill.number if bill else "",
        bill_id=bill.pk if bill else None,
        paid=bool(bill and bill.settled_on),
        held=account.held,
    )


def workers_with_status(application: Application) -> list[tuple[Worker, str, str]]:
    """Each worker, the pass's state today and the ID number masked (it is confidential)."""
    today = timezone.localdate()
    return [(w, pass_status(w, today), mask_id_number(w.id_number)) for w in application.workers.all()]
