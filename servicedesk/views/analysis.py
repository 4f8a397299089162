"""The analysis page and its CSV export: management only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from leasing.leases.exports import table_response
from tenancy.access import role_required

from ..models import SlaClock
from ..permissions import ANALYSTS
from ..reports import PERIODS, Analysis, analysis


def _params(request: HttpRequest) -> tuple[int, str]:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year + 1)
    period = request.GET.get("period", "month")
    return year, period if period in PERIODS else "month"


@require_GET
@role_required(*ANALYSTS)
def ticket_analysis(request: HttpRequest) -> HttpResponse:
    """Management: counts by kind, category, cause, building per month or quarter; times, SLA, ratings."""
    year, period = _params(request)
    report = analysis(year=year, period=period, user=request.user)
    this_year = timezone.localdate().year
    context = {
        "report": report,
        "follow_up_columns": follow_up_columns(),
        "clocks": SlaClock.choices,
        "years": range(this_year, this_year - 6, -1),
        "charts": [
            (_("Tickets received"), [f.tickets for f in report.figures], None),
            (_("Resolved on time (%)"), [f.sla[SlaClock.RESOLUTION] for f in report.figures], 100),
            (_("Average rating (1–5)"), [f.rating for f in report.figures], 5),
        ],
    }
    return render(request, "servicedesk/analysis.html", context)


def _csv_rows(report: Analysis) -> list[list[object]]:
    rows: list[list[object]] = [[_("section"), _("item"), *report.labels, _("total")]]
    for breakdown in report.breakdowns:
        rows += [[breakdown.title, label, *counts, total] for label, counts, total in breakdown.rows]
    figures = report.figures
    rows.append([_("Tickets"), "", *[f.tickets for f in figures], sum(f.tickets for f in figures)])
    rows.append([_("Hours to acknowledge (average)"), "", *[f.acknowledge_hours for f in figures], ""])
    rows.append([_("Hours to resolve (average)"), "", *[f.resolve_hours for f in figures], ""])
    for clock, label in SlaClock.choices:
        rows.append([_("SLA met (%)"), label, *[f.sla[clock] for f in figures], ""])
    rows.append([_("Average rating"), "", *[f.rating for f in figures], ""])
    rows.append([_("Satisfied (4 or 5, %)"), "", *[f.satisfied for f in figures], ""])
    # The follow-up figures are for the whole year: one row per group, its figures in the first columns.
    rows.append([_("Follow-up and satisfaction"), "", *follow_up_columns()])
    for breakdown in report.follow_ups:
        for row in breakdown.rows:
            figures_row = [row.done, row.followed_up, row.rate, row.rated, row.rating, row.satisfied]
            rows.append([breakdown.title, row.label, *figures_row])
    return rows


def follow_up_columns() -> list[str]:
    """The headings of the follow-up figures, in the reader's language."""
    return [
        pgettext("follow-up figures", "done"),
        pgettext("follow-up figures", "followed up"),
        pgettext("follow-up figures", "follow-up rate (%)"),
        pgettext("follow-up figures", "rated"),
        pgettext("follow-up figures", "average rating"),
        pgettext("follow-up figures", "satisfied (4 or 5, %)"),
    ]


@require_GET
@role_required(*ANALYSTS)
def ticket_analysis_csv(request: HttpRequest) -> HttpResponse:
    """Management: the analysis as CSV (UTF-8 with a BOM so that spreadsheet programs read the Chinese), names
    of buildings and categories protected against formula injection like every other export."""
    year, period = _params(request)
    header, *rows = _csv_rows(analysis(year=year, period=period, user=request.user))
    return table_response("csv", f"service-analysis-{year}-{period}", [str(h) for h in header], rows)
