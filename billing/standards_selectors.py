"""Read side of the tariff and fee standard pages: what is in force today and what comes next, per
standard (and building for fit-out fees), the proposals, and one standard's history; a few queries whatever
the count."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from leasing.models import Building

from .models import FitoutFee, FitoutFeeStandard, StandardKind, StandardProposal, Tariff
from .models.standards import TARIFF_KINDS

__all__ = ["TARIFF_KINDS", "fee_rows", "history", "proposals", "tariff_rows"]


@dataclass(frozen=True)
class StandardRow:
    """One standard: the price in force today (None: not set) and the next approved one, if any."""

    kind: StandardKind
    building: Building | None
    current: Any
    upcoming: Any


def proposals(*, status: str | None = None, decided: bool = False) -> QuerySet[StandardProposal]:
    found = StandardProposal.objects.select_related("building", "proposed_by", "decided_by")
    if status:
        found = found.filter(status=status)
    if decided:
        found = found.exclude(status=StandardProposal.Status.PROPOSED).order_by("-decided_at", "-pk")
    return found


def _split(rows: list[Any], today: date) -> tuple[Any, Any]:
    """(in force today, the first after today) of rows sorted by effective date."""
    current = next((r for r in reversed(rows) if r.effective_from <= today), None)
    upcoming = next((r for r in rows if r.effective_from > today), None)
    return current, upcoming


def tariff_rows(today: date) -> list[StandardRow]:
    """The general tariffs (every kind, set or not), then each building's own tariffs, by building name."""
    found: dict[tuple[int | None, str], list[Tariff]] = {(None, kind): [] for kind in TARIFF_KINDS}
    buildings: dict[int, Building] = {}
    for tariff in Tariff.objects.select_related("building").order_by("effective_from"):
        found.setdefault((tariff.building_id, tariff.meter_kind), []).append(tariff)
        if tariff.building is not None:
            buildings[tariff.building.pk] = tariff.building
    own = sorted(
        (key for key in found if key[0] is not None),
        key=lambda key: (buildings[key[0]].name, TARIFF_KINDS.index(StandardKind(key[1]))),
    )
    return [
        StandardRow(StandardKind(kind), buildings.get(pk) if pk else None, *_split(found[(pk, kind)], today))
        for pk, kind in [(None, kind) for kind in TARIFF_KINDS] + own
    ]


def fee_rows(today: date) -> list[StandardRow]:
    """Every building × fit-out fee, set or not (a building without a fee bills nothing for it)."""
    found: dict[tuple[int, str], list[FitoutFeeStandard]] = {}
    for standard in FitoutFeeStandard.objects.order_by("effective_from"):
        found.setdefault((standard.building_id, standard.kind), []).append(standard)
    return [
        StandardRow(StandardKind(fee), building, *_split(found.get((building.pk, fee), []), today))
        for building in Building.objects.order_by("name")
        for fee in FitoutFee.values
    ]


@dataclass(frozen=True)
class HistoryRow:
    """One price of a standard: its proposal (who and when), or a tariff set before proposals existed."""

    price: Decimal
    effective_from: date
    status: str
    proposal: StandardProposal | None
    at: datetime | None


def history(kind: str, building: Building | None) -> list[HistoryRow]:
    """Every proposal of the standard, newest first, and the tariffs set in the admin before proposals."""
    rows = [
        HistoryRow(p.price, p.effective_from, p.get_status_display(), p, p.proposed_at)
        for p in proposals().filter(kind=kind, building=building)
    ]
    if kind in TARIFF_KINDS:
        rows += [
            HistoryRow(t.unit_price, t.effective_from, "", None, None)
            for t in Tariff.objects.filter(meter_kind=kind, building=building, proposal__isnull=True)
        ]
    return sorted(
        rows, key=lambda row: (row.effective_from, row.proposal.pk if row.proposal else 0), reverse=True
    )
