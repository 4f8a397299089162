"""The report's charts, defined once: the page draws them with Chart.js (their data passed as JSON), the PDF
as SVG drawn on the server (WeasyPrint runs no script). Both read the same numbers as the tables beside them.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from documents.charts import column_chart, line_chart

from .compose import MonthlyReport

AGEING_LABELS = {
    "current": lambda: _("Not yet due"),
    "d30": lambda: _("0–30 days"),
    "d60": lambda: _("31–60 days"),
    "d90": lambda: _("61–90 days"),
    "over90": lambda: _("Over 90 days"),
}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # "bar" or "line"
    labels: list[str]
    series: list[tuple[str, list[float]]]
    stacked: bool = False
    percent: bool = False

    def data(self) -> dict[str, Any]:
        """What the page's script needs (for ``json_script``)."""
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "stacked": self.stacked,
            "percent": self.percent,
            "labels": self.labels,
            "series": [{"name": name, "values": values} for name, values in self.series],
        }

    def svg(self, *, width: int = 520) -> SafeString:
        """The chart for paper; a narrower ``width`` draws it for half a page (text stays readable)."""
        if self.kind == "line":
            top = 100 if self.percent else None
            return line_chart(self.labels, self.series, title=self.title, top=top, width=width)
        return column_chart(self.labels, self.series, title=self.title, stacked=self.stacked, width=width)


def _num(value: Decimal | int | float | None) -> float:
    return float(value or 0)


def report_charts(report: MonthlyReport) -> list[Chart]:
    """The five charts of the report, in page order."""
    months = [f"{figures.on:%Y-%m}" for figures in report.occupancy_trend]
    rows = report.occupancy.rows()
    return [
        Chart(
            "occupancy",
            _("Units by status"),
            "bar",
            [label for _s, label, _n, _a in rows],
            [(pgettext("monthly report", "Units"), [float(n) for _s, _l, n, _a in rows])],
        ),
        Chart(
            "occupancy_trend",
            _("Occupancy rate by area, 12 months (%)"),
            "line",
            months,
            [(_("Occupancy rate"), [_num(f.rate) for f in report.occupancy_trend])],
            percent=True,
        ),
        Chart(
            "billing",
            _("Billed and collected by charge kind"),
            "bar",
            [k.label for k in report.billing.kinds],
            [
                (pgettext("monthly report", "Billed"), [_num(k.billed) for k in report.billing.kinds]),
                (pgettext("monthly report", "Collected"), [_num(k.collected) for k in report.billing.kinds]),
            ],
        ),
        Chart(
            "ageing_trend",
            _("Arrears by age, 12 months"),
            "bar",
            months,
            [
                (label(), [_num(f.amounts[key]) for f in report.ageing_trend])
                for key, label in AGEING_LABELS.items()
            ],
            stacked=True,
        ),
        Chart(
            "tickets",
            _("Tickets by kind"),
            "bar",
            [label for _k, label, _n in report.service.by_kind],
            [(_("Tickets"), [float(n) for _k, _l, n in report.service.by_kind])],
        ),
    ]


def ageing_rows(report: MonthlyReport) -> list[tuple[str, Decimal]]:
    """(bucket label, amount owed) on the report's day, in age order."""
    return [(label(), report.ageing.amounts[key]) for key, label in AGEING_LABELS.items()]
