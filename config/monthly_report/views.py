"""The monthly report's page (with Chart.js charts) and its PDF (with SVG charts).

Who: management (to whom it is mailed), finance (the money in it) and business (occupancy and leases are
theirs to fill); other roles get 403. A month in the future is refused at the month field and nothing is
drawn.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tenancy.access import role_required
from tenancy.roles import Role

from .charts import ageing_rows, report_charts
from .compose import monthly_report_build
from .forms import ReportForm
from .printing import report_pdf

REPORT_READERS = (Role.MANAGEMENT, Role.FINANCE, Role.BUSINESS)


@role_required(*REPORT_READERS)
def monthly_report(request: HttpRequest) -> HttpResponse:
    """The month's report for a building or the portfolio, with its charts."""
    form = ReportForm.for_request(request.GET, request.user)
    context: dict = {"form": form}
    if form.is_valid():
        report = monthly_report_build(
            month=form.cleaned_data["month"], building=form.cleaned_data["building"], user=request.user
        )
        charts = report_charts(report)
        context |= {
            "report": report,
            "charts": charts,
            "chart_data": [chart.data() for chart in charts],
            "ageing_rows": ageing_rows(report),
            "pdf_url": reverse("monthly-report-pdf") + "?" + request.GET.urlencode(),
        }
    return render(request, "monthly_report/report.html", context)


@role_required(*REPORT_READERS)
def monthly_report_pdf(request: HttpRequest) -> HttpResponse:
    """The same report as a PDF, for print and the mail."""
    form = ReportForm.for_request(request.GET, request.user)
    if not form.is_valid():
        return render(request, "monthly_report/report.html", {"form": form})
    data = form.cleaned_data
    report = monthly_report_build(month=data["month"], building=data["building"], user=request.user)
    page = request.build_absolute_uri(reverse("monthly-report")) + "?" + request.GET.urlencode()
    content, name = report_pdf(report, url=page)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
