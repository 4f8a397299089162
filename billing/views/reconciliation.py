"""Finance's reconciliation by payment method: totals and counts per method over a period, and the list of
one method's payments (to tick against the bank, the WeChat Pay or Alipay merchant statement, or the till);
both lists are exported to CSV and XLSX for the period and method shown."""

from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.lists import table_page
from tenancy.access import role_required

from ..forms import DATE
from ..models import Payment
from ..money import ZERO
from ..reconciliation import payments_by_method, payments_of_method
from ..report_tables import MethodTable
from ..tables import PaymentTable
from ._common import WRITERS


class MethodPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)
    method = forms.ChoiceField(
        label=_("Payment method"), choices=[("", "—"), *Payment.Method.choices], required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes before the start."))
        return data


def _month_start(today: date) -> date:
    return today.replace(day=1)


@role_required(*WRITERS)
def payment_methods(request: HttpRequest) -> HttpResponse:
    """Finance: per method, the count and total of payments received in the period (this month unless
    chosen); with a method chosen, its payments one by one."""
    today = timezone.localdate()
    initial = {"start": _month_start(today), "end": today}
    form = MethodPeriodForm(request.GET or None, initial=initial)
    start, end, method = initial["start"], initial["end"], ""
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        method = form.cleaned_data.get("method") or ""
    rows = payments_by_method(start=start, end=end, user=request.user) if not form.errors else []
    totals = MethodTable(rows, prefix="methods-")
    if export := table_page(request, totals, filename=f"payment-methods-{start:%Y%m%d}-{end:%Y%m%d}"):
        return export
    payments = None
    if method:  # a long month is paged (100 a page), never cut
        payments = PaymentTable(
            payments_of_method(method=method, start=start, end=end, user=request.user), prefix="payments-"
        )
        name = f"payments-{method}-{start:%Y%m%d}-{end:%Y%m%d}"
        if export := table_page(request, payments, filename=name, per_page=100):
            return export
    context = {
        "form": form,
        "totals": totals,
        "rows": rows,
        "count": sum(r.count for r in rows),
        "total": sum((r.total for r in rows), ZERO),
        "start": start,
        "end": end,
        "method": method,
        "method_label": Payment.Method(method).label if method else "",
        "payments": payments,
    }
    return render(request, "billing/payment_methods.html", context)
