"""Tables of the unit and building lists (django-tables2)."""

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from documents.columns import MoneyColumn
from documents.quantities import area

from .models import Building, Unit
from .selectors import occupancy_rate

STATUS_BADGES: dict[str, str] = {
    Unit.Status.VACANT: "text-bg-success",
    Unit.Status.RESERVED: "text-bg-warning",
    Unit.Status.OCCUPIED: "text-bg-primary",
    Unit.Status.FIT_OUT: "text-bg-info",
    Unit.Status.UNAVAILABLE: "text-bg-secondary",
}

NUMBER = {"th": {"class": "text-end"}, "td": {"class": "text-end text-nowrap"}}


@lru_cache(maxsize=64)
def status_badge(status: str, label: str) -> SafeString:
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        STATUS_BADGES.get(status, "text-bg-light"),
        status,
        label,
    )


class UnitTable(tables.Table):
    code = tables.Column(
        linkify=("leasing:unit-detail", {"pk": tables.A("pk")}), attrs={"a": {"class": "fw-semibold"}}
    )
    building = tables.Column(
        accessor="building__name",
        verbose_name=_("Building"),
        order_by=("building__name", "floor__number", "code"),
    )
    floor = tables.Column(order_by=("building__code", "floor__number", "code"))
    use = tables.Column()
    gross_area = tables.Column(attrs=NUMBER)
    usable_area = tables.Column(attrs=NUMBER)
    guide_rent = MoneyColumn()
    status = tables.Column()

    class Meta:
        model = Unit
        fields = ["code", "building", "floor", "use", "gross_area", "usable_area", "guide_rent", "status"]
        attrs = {"class": "table table-hover table-sm align-middle mb-0", "data-testid": "unit-table"}
        empty_text = _("No units match these filters.")
        # Renders the body rows straight from the record (keep it in step with the columns above).
        template_name = "leasing/_unit_table.html"

    def render_status(self, record: Unit) -> SafeString:
        return status_badge(record.status, record.get_status_display())

    def render_gross_area(self, value: Decimal) -> str:
        return area(value)

    def render_usable_area(self, value: Decimal) -> str:
        return area(value)

    def value_gross_area(self, value: Decimal) -> Decimal:
        return value

    def value_usable_area(self, value: Decimal) -> Decimal:
        return value

    def body_rows(self) -> list["UnitCells"]:
        """The current page's rows as ready-to-print cells, for the body template."""
        return [unit_cells(row.record) for row in self.paginated_rows]


class UnitCells(NamedTuple):
    """One row of the unit list, in the order of UnitTable's columns."""

    url: str
    code: str
    building: str
    floor: str
    use: str
    gross_area: Decimal
    usable_area: Decimal
    guide_rent: Decimal
    status: SafeString


def unit_cells(unit: Unit) -> UnitCells:
    status_label = str(Unit.Status(unit.status).label)
    return UnitCells(
        url=reverse("leasing:unit-detail", args=[unit.pk]),
        code=unit.code,
        building=unit.building.name,
        floor=str(unit.floor),
        use=str(Unit.Use(unit.use).label),
        gross_area=unit.gross_area,
        usable_area=unit.usable_area,
        guide_rent=unit.guide_rent,
        status=status_badge(unit.status, status_label),
    )


class BuildingTable(tables.Table):
    code = tables.Column()
    name = tables.Column(linkify=("leasing:building-detail", {"pk": tables.A("pk")}))
    address = tables.Column()
    unit_count = tables.Column(verbose_name=_("Units"), attrs=NUMBER)
    vacant_count = tables.Column(verbose_name=_("Vacant"), attrs=NUMBER)
    occupied_count = tables.Column(verbose_name=_("Occupied"), attrs=NUMBER)
    gross_total = tables.Column(verbose_name=_("Gross area (m²)"), attrs=NUMBER, default="0")
    occupancy = tables.Column(
        verbose_name=_("Occupancy (by area)"),
        accessor="gross_total",
        orderable=False,
        default="—",
        attrs=NUMBER,
    )

    class Meta:
        model = Building
        fields = ["code", "name", "address"]
        attrs = {"class": "table table-hover table-sm align-middle mb-0", "data-testid": "building-table"}
        empty_text = _("No buildings yet.")

    def render_gross_total(self, value: Decimal) -> str:
        return area(value)

    def value_gross_total(self, value: Decimal) -> Decimal:
        return value

    def render_occupancy(self, record: Building) -> str:
        rate: Decimal | None = occupancy_rate(record.occupied_area, record.gross_total)  # type: ignore[attr-defined]
        return "—" if rate is None else f"{rate}%"
