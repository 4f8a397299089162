"""Utilities by meter: each lease pays, per meter of its units, the use between consecutive readings × the
tariff of the meter kind in force on the later reading's date (the building's own, else the general one). The
periodic bill takes the readings of the closed monthly rounds (抄表) before its month; the move-out settlement
takes the closing readings. Each billed line names the two readings, and a reading ends at most one billed
line, so nothing is billed twice: every span starts at the last billed reading (else the move-in opening
reading, else the first confirmed reading in the lease)."""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection

from leasing.models import Lease

from ..models import BillLine, ChargeKind, Tariff
from ..money import money
from .charges import DraftLine

# Per lease and meter of its units: the latest reading of a closed round before the month, and where its
# span starts (the last billed reading; else the move-in opening reading; else the first confirmed reading
# in the lease). Set-based: one query for a whole chunk of leases.
SPANS_SQL = """
WITH lu AS (
    SELECT lease_id, unit_id, start_date, end_date
    FROM leasing_leaseunit WHERE lease_id = ANY(%(leases)s) AND blocking
), ends AS (
    SELECT DISTINCT ON (lu.lease_id, r.meter_id)
           lu.lease_id, r.meter_id, lu.start_date, r.id, r.reading, r.read_on
    FROM lu
    JOIN handover_meter m ON m.unit_id = lu.unit_id
    JOIN handover_meterreading r ON r.meter_id = m.id
    JOIN handover_meterround mr ON mr.id = r.round_id
    WHERE mr.status = 'closed' AND mr.month < %(month)s AND r.read_on BETWEEN lu.start_date AND lu.end_date
    ORDER BY lu.lease_id, r.meter_id, r.read_on DESC, r.id DESC
)
SELECT e.lease_id, m.number, m.kind, s.id, s.reading, s.read_on, e.id, e.reading, e.read_on, u.building_id
FROM ends e
JOIN handover_meter m ON m.id = e.meter_id
JOIN leasing_unit u ON u.id = m.unit_id
CROSS JOIN LATERAL (
    SELECT c.id, c.reading, c.read_on FROM (
        (SELECT 1 AS rank, r.id, r.reading, r.read_on
         FROM billing_billline bl
         JOIN billing_bill b ON b.id = bl.bill_id
         JOIN handover_meterreading r ON r.id = bl.reading_to_id
         WHERE b.lease_id = e.lease_id AND r.meter_id = e.meter_id
         ORDER BY r.read_on DESC, r.id DESC LIMIT 1)
        UNION ALL
        (SELECT 2, r.id, r.reading, r.read_on
         FROM handover_meterreading r
         JOIN handover_sheet s ON s.id = r.sheet_id
         JOIN handover_visit v ON v.id = s.visit_id
         WHERE v.lease_id = e.lease_id AND v.kind = 'move_in' AND s.status = 'signed'
           AND r.meter_id = e.meter_id AND r.confirmed_at IS NOT NULL
         ORDER BY r.read_on DESC, r.id DESC LIMIT 1)
        UNION ALL
        (SELECT 3, r.id, r.reading, r.read_on
         FROM handover_meterreading r
         WHERE r.meter_id = e.meter_id AND r.confirmed_at IS NOT NULL AND r.read_on >= e.start_date
         ORDER BY r.read_on, r.id LIMIT 1)
    ) c ORDER BY c.rank LIMIT 1
) s
WHERE s.id <> e.id AND e.read_on >= s.read_on AND e.reading > s.reading
ORDER BY e.lease_id, m.unit_id, m.kind, m.number
"""


class Tariffs:
    """Every tariff, loaded once: the price of a meter kind in force on a date in a building. The building's
    own tariff in force that day wins; without one, the general tariff in force applies."""

    def __init__(self) -> None:
        self._by_kind: dict[tuple[int | None, str], tuple[list[date], list[Decimal]]] = {}
        for tariff in Tariff.objects.order_by("meter_kind", "effective_from"):
            days, prices = self._by_kind.setdefault((tariff.building_id, tariff.meter_kind), ([], []))
            days.append(tariff.effective_from)
            prices.append(tariff.unit_price)

    def _in_force(self, building_id: int | None, kind: str, day: date) -> Decimal | None:
        days, prices = self._by_kind.get((building_id, kind), ([], []))
        index = bisect_right(days, day)
        return prices[index - 1] if index else None

    def on(self, kind: str, day: date, building_id: int | None = None) -> Decimal | None:
        own = self._in_force(building_id, kind, day) if building_id is not None else None
        return own if own is not None else self._in_force(None, kind, day)


@dataclass(frozen=True)
class Span:
    """The use of one meter between two of its readings."""

    number: str
    kind: str
    from_id: int
    from_reading: Decimal
    from_on: date
    to_id: int
    to_reading: Decimal
    to_on: date
    building_id: int | None = None  # the meter's building, whose own tariff wins over the general one


def span_line(span: Span, tariffs: Tariffs) -> DraftLine | None:
    """A utility line for the span, or None when no tariff is in force or nothing was used."""
    price = tariffs.on(span.kind, span.to_on, span.building_id)
    if price is None or span.to_reading <= span.from_reading:
        return None
    amount = money((span.to_reading - span.from_reading) * price)
    if amount <= 0:
        return None
    description = f"{span.number}: {span.from_reading} → {span.to_reading} × {price}"
    return DraftLine(
        ChargeKind.UTILITY, amount, description, span.from_on, span.to_on, span.from_id, span.to_id
    )


def utility_lines(
    lease_ids: list[int], month: date, tariffs: Tariffs | None = None
) -> dict[int, list[DraftLine]]:
    """By lease: the utility lines its bill of ``month`` carries (the rounds closed before the month)."""
    tariffs = tariffs or Tariffs()
    found: dict[int, list[DraftLine]] = {}
    if not lease_ids:
        return found
    with connection.cursor() as cursor:
        cursor.execute(SPANS_SQL, {"leases": lease_ids, "month": month.replace(day=1)})
        for lease_id, *values in cursor.fetchall():
            line = span_line(Span(*values), tariffs)
            if line is not None:
                found.setdefault(lease_id, []).append(line)
    return found


def closing_spans(lease: Lease) -> list[Span]:
    """Each meter's span at move-out: from its last billed reading (else the opening one) to the closing."""
    from handover.selectors import closing_readings_for, opening_readings_for

    opening = {reading.meter_id: reading for reading in opening_readings_for(lease)}
    billed = {
        line.reading_to.meter_id: line.reading_to
        for line in BillLine.objects.filter(bill__lease=lease, reading_to__isnull=False)
        .select_related("reading_to")
        .order_by("reading_to__read_on", "reading_to_id")
    }
    spans = []
    for closing in closing_readings_for(lease):
        last = billed.get(closing.meter_id)
        if last is not None:
            start = (last.pk, last.reading, last.read_on)
        elif closing.meter_id in opening:
            first = opening[closing.meter_id]
            start = (first.reading_id, first.reading, first.read_on)
        else:
            continue
        assert closing.reading_id is not None
        if start[0] != closing.reading_id:
            spans.append(
                Span(
                    closing.meter_number,
                    closing.kind,
                    *start,
                    closing.reading_id,
                    closing.reading,
                    closing.read_on,
                    lease.building_id,
                )
            )
    return spans


def closing_utility_lines(lease: Lease) -> list[DraftLine]:
    """The move-out's lines: from each meter's last billed reading (else the opening one) to the closing."""
    tariffs = Tariffs()
    lines = (span_line(span, tariffs) for span in closing_spans(lease))
    return [line for line in lines if line is not None]
