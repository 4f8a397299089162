"""Tables of billing's work lists (fapiao requests), sorted, paginated and exported by ``documents.lists``."""

import django_tables2 as tables
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.columns import MoneyColumn

from .models import FapiaoRequest


def fapiao_requests():
    """Requests still waiting for their fapiao first (newest request first), then the issued ones, newest
    fapiao first: a new request is never pushed out of sight by the ones already done."""
    return FapiaoRequest.objects.select_related("payment__tenant").order_by(
        F("issued_on").desc(nulls_first=True), "-requested_at", "-pk"
    )


class FapiaoTable(tables.Table):
    tenant = tables.Column(accessor="payment__tenant__name", verbose_name=_("Tenant"))
    payment = tables.Column(
        accessor="payment__number",
        linkify=("billing:payment-detail", {"pk": tables.A("payment_id")}),
        verbose_name=pgettext_lazy("billing", "Payment"),
    )
    amount = MoneyColumn(accessor="payment__amount", verbose_name=_("Amount"))
    title = tables.Column(verbose_name=_("Invoice title"))
    tax_number = tables.Column(verbose_name=_("Tax number"))
    requested_at = tables.DateTimeColumn("Y-m-d H:i", verbose_name=_("requested at"))
    fapiao_number = tables.TemplateColumn(
        '{% load i18n %}{% if value %}{{ value }}{% else %}<span class="badge text-bg-warning">'
        '{% translate "Waiting" context "fapiao" %}</span>{% endif %}',
        verbose_name=_("Fapiao number"),
    )
    issued_on = tables.DateColumn("Y-m-d", verbose_name=_("issued on"))
    action = tables.TemplateColumn(
        template_name="billing/_fapiao_action.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = FapiaoRequest
        fields = ("tenant", "payment", "amount", "title", "tax_number", "requested_at", "fapiao_number")
        sequence = (*fields, "issued_on", "action")
        attrs = {"class": "table table-sm mb-0", "data-testid": "fapiao-table"}
        empty_text = _("No requests yet.")
