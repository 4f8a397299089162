"""Read-side queries of fit-out, with what their pages show fetched up front."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from billing.models import DepositAccount
from billing.services.fitout_charges import FitoutCharges, fitout_charges_of
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
            "extensions",
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


def charges_state(application: Application) -> FitoutCharges:
    """What billing charged for the fit-out (or will charge at the permit), and what is paid."""
    return fitout_charges_of(reference=application.number, building_id=application.lease.building_id)


def workers_with_status(application: Application, *, reveal: bool = False) -> list[tuple[Worker, str, str]]:
    """Each worker, the pass's state today and the ID number: confidential, so masked unless ``reveal``
    (supervisors and those granted the permission, as for tenants' ID numbers)."""
    today = timezone.localdate()
    return [
        (w, pass_status(w, today), w.id_number if reveal else mask_id_number(w.id_number))
        for w in application.workers.all()
    ]


DASHBOARD_TITLE = _("Fit-out")


# The stages whose applications wait for someone: drawings to review, a permit to issue, works to watch.
WAITING_STAGES = (Application.Status.SUBMITTED, Application.Status.APPROVED, Application.Status.WORKS)


def dashboard_counts() -> dict[str, QuerySet]:
    """What the dashboard counts for fit-out: the work waiting at each stage."""
    return {
        "status": Application.objects.filter(status__in=WAITING_STAGES)
        .values("status")
        .annotate(n=Count("pk")),
        "unanswered": needing_attention(Application.objects.all(), "notices"),
        "notices_overdue": needing_attention(Application.objects.all(), "notices_overdue"),
        "works_overdue": needing_attention(Application.objects.all(), "works_overdue"),
    }


# Fit-outs under works that need attention, as the dashboard counts them and the list filters them
# (``?attention=``), so each card's number is the number of rows its link shows.
ATTENTION_CHOICES = (
    ("notices", _("a notice not answered")),
    ("notices_overdue", _("a notice past its deadline")),
    ("works_overdue", _("works past their end date")),
)


def needing_attention(applications: QuerySet[Application], reason: str) -> QuerySet[Application]:
    """The fit-outs under works with a notice not answered, with one the daily sweep flagged overdue (an
    answer or the end of the works clears it), or whose works the sweep flagged past their end date."""
    works = applications.filter(status=Application.Status.WORKS)
    if reason == "works_overdue":
        return works.filter(overdue_flagged_on__isnull=False)
    notices = Notice.objects.filter(answered_at__isnull=True)
    if reason == "notices_overdue":
        notices = notices.filter(overdue_flagged_on__isnull=False)
    return works.filter(pk__in=notices.values("application_id"))


def dashboard_cards(counts: Mapping[str, Any]) -> list[dict]:
    url = reverse("fitout:application-list")
    return [
        {
            "label": gettext("Drawings awaiting review"),
            "value": counts["status"].get(Application.Status.SUBMITTED, 0),
            "url": f"{url}?status=submitted",
            "icon": "rulers",
        },
        {
            "label": gettext("Approved, awaiting the permit"),
            "value": counts["status"].get(Application.Status.APPROVED, 0),
            "url": f"{url}?status=approved",
            "icon": "patch-check",
        },
        {
            "label": gettext("Fit-outs under way"),
            "value": counts["status"].get(Application.Status.WORKS, 0),
            "url": f"{url}?status=works",
            "icon": "tools",
        },
        {
            "label": gettext("Fit-outs with a notice not answered"),
            "value": counts["unanswered"],
            "url": f"{url}?attention=notices",
            "icon": "exclamation-triangle",
        },
        {
            "label": gettext("Fit-outs with a notice past its deadline"),
            "value": counts["notices_overdue"],
            "url": f"{url}?attention=notices_overdue",
            "icon": "alarm",
        },
        {
            "label": gettext("Works past their end date"),
            "value": counts["works_overdue"],
            "url": f"{url}?attention=works_overdue",
            "icon": "hourglass-bottom",
        },
    ]
