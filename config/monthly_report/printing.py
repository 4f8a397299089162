"""The report as a PDF: the print shell every form uses, charts as SVG."""

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.rendering import PrintInfo, html_render, issuer_for, page_counter_css, pdf_render, qr_svg

from .charts import ageing_rows, report_charts
from .compose import MonthlyReport


def report_number(report: MonthlyReport) -> str:
    """月报 number: YB-YYYYMM, with the building's code for one building."""
    suffix = f"-{report.building.code}" if report.building else ""
    return f"YB-{report.month:%Y%m}{suffix}"


def report_title(report: MonthlyReport) -> str:
    scope = report.building.name if report.building else _("All buildings")
    return _("Monthly report %(month)s · %(scope)s") % {"month": f"{report.month:%Y-%m}", "scope": scope}


def report_pdf(report: MonthlyReport, *, url: str) -> tuple[bytes, str]:
    """The PDF bytes and a file name; ``url`` is where the report is read online (its QR code)."""
    number = report_number(report)
    info = PrintInfo(
        number=number,
        title=report_title(report),
        kind=_("Monthly report"),
        date=timezone.localdate(),
        verify_url=url,
        qr_svg=qr_svg(url),
        management_name=issuer_for(report.building),  # a building's report: its office's letterhead
        page_counter_css=page_counter_css(),
    )
    # The status and ticket charts share their row with a table: drawn narrower, so their text prints larger.
    narrow = {"occupancy": 330, "tickets": 330}
    charts = {chart.key: chart.svg(width=narrow.get(chart.key, 520)) for chart in report_charts(report)}
    html = html_render(
        template="documents/forms/monthly_report.html",
        context={"report": report, "charts": charts, "ageing_rows": ageing_rows(report)},
        info=info,
    )
    return pdf_render(html), f"{number}.pdf"
