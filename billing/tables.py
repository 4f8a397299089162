"""Tables of the bill and payment lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.columns import MoneyColumn

from .models import Bill, Payment


class BillTable(tables.Table):
    number = tables.Column(
        linkify=("billing:bill-detail", {"pk": tables.A("pk")}), verbose_name=_("Bill number")
    )
    tenant = tables.Column(accessor="tenant__name", verbose_name=_("Tenant"))
    period_start = tables.DateColumn("Y-m-d", verbose_name=_("Period from"))
    due_date = tables.DateColumn("Y-m-d", verbose_name=_("Due date"))
    total = MoneyColumn(verbose_name=_("Total"))
    outstanding = MoneyColumn(verbose_name=_("Outstanding"), orderable=False)

    class Meta:
        model = Bill
        fields = ("number", "tenant", "period_start", "due_date", "total", "outstanding")
        attrs = {"class": "table table-sm table-hover mb-0", "data-testid": "bill-table"}


class PaymentTable(tables.Table):
    number = tables.Column(
        linkify=("billing:payment-detail", {"pk": tables.A("pk")}), verbose_name=_("Receipt number")
    )
    tenant = tables.Column(accessor="tenant__name", verbose_name=_("Tenant"))
    received_on = tables.DateColumn("Y-m-d", verbose_name=_("Received on"))
    method = tables.Column(verbose_name=pgettext_lazy("payment", "Method"))
    reference = tables.Column(verbose_name=_("Reference"))
    amount = MoneyColumn(verbose_name=_("Amount"))

    class Meta:
        model = Payment
        fields = ("number", "tenant", "received_on", "method", "reference", "amount")
        attrs = {"class": "table table-sm table-hover mb-0", "data-testid": "payment-table"}
