"""Tables of billing's work lists (fapiao requests, refunds, leases waiting for their charge notice, the
billing run's preview), sorted, paginated and exported
by ``documents.lists``."""

import django_tables2 as tables
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.columns import MoneyColumn
from leasing.models import Lease

from .models import FapiaoRequest, Refund


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


ACCOUNT = (
    "{{ record.account.lease.number }}{% if record.account.purpose == 'fitout' %} "
    '<span class="small text-muted">{{ record.account.get_purpose_display }} {{ record.account.reference }}'
    "</span>{% endif %}"
)
PAYEE = (
    '{{ record.payee_name }}<br><span class="small text-muted">{{ record.payee_bank|default:"—" }} '
    "{{ record.payee_account }}</span>"
)


class RefundTable(tables.Table):
    lease = tables.TemplateColumn(ACCOUNT, accessor="account__lease__number", verbose_name=_("Lease"))
    amount = MoneyColumn(verbose_name=_("Amount"))
    status = tables.Column(verbose_name=_("Status"))
    payee = tables.TemplateColumn(
        PAYEE, accessor="payee_name", verbose_name=_("Payee"), attrs={"td": {"data-testid": "refund-payee"}}
    )
    requested_by = tables.Column(verbose_name=_("Requested by"), order_by=("requested_by__username",))
    approved_by = tables.Column(verbose_name=_("Approved by"), order_by=("approved_by__username",))
    decide = tables.TemplateColumn(
        template_name="billing/_refund_decide.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
        attrs={"td": {"class": "text-end"}},
    )

    class Meta:
        model = Refund
        fields = ("lease", "amount", "status", "payee", "requested_by", "approved_by")
        sequence = (*fields, "decide")
        attrs = {"class": "table table-sm mb-0", "data-testid": "refund-table"}
        empty_text = _("No refunds yet.")
        order_by = ("-pk",)

    def value_lease(self, record: Refund) -> str:
        return record.account.lease.number if record.account.lease_id else record.account.reference

    def value_payee(self, record: Refund) -> str:
        return " ".join(part for part in (record.payee_name, record.payee_bank, record.payee_account) if part)


class MoveInWaitingTable(tables.Table):
    number = tables.Column(verbose_name=_("Lease"))
    tenant = tables.Column(accessor="tenant__name", verbose_name=_("Tenant"))
    start_date = tables.DateColumn("Y-m-d", verbose_name=_("Start"))
    deposit_amount = MoneyColumn(verbose_name=_("Deposit"))
    issue = tables.TemplateColumn(
        template_name="billing/_move_in_issue.html",
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
        attrs={"td": {"class": "text-end"}},
    )

    class Meta:
        model = Lease
        fields = ("number", "tenant", "start_date", "deposit_amount")
        sequence = (*fields, "issue")
        attrs = {"class": "table table-sm mb-0", "data-testid": "move-in-waiting"}
        empty_text = _("No signed lease is waiting.")


class DraftBillTable(tables.Table):
    """The billing run's preview: the bills the run would issue (``DraftBill``s, sorted in memory)."""

    lease = tables.Column(accessor="lease__number", verbose_name=_("Lease"))
    tenant = tables.Column(accessor="lease__tenant__name", verbose_name=_("Tenant"))
    period_start = tables.DateColumn("Y-m-d", verbose_name=_("Period from"))
    period_end = tables.DateColumn("Y-m-d", verbose_name=_("period until"))
    due_date = tables.DateColumn("Y-m-d", verbose_name=_("Due date"))
    charges = tables.Column(accessor="lines", verbose_name=_("Charges"), orderable=False)
    utilities = MoneyColumn(
        verbose_name=_("Utilities"), attrs={"td": {"class": "money", "data-testid": "run-utilities"}}
    )
    total = MoneyColumn(verbose_name=_("Total"))

    class Meta:
        attrs = {"class": "table table-sm mb-0", "data-testid": "run-preview-table"}
        empty_text = _("Nothing to bill for this month: every bill has been issued.")

    def render_charges(self, value: list) -> int:
        return len(value)

    def value_charges(self, value: list) -> int:
        return len(value)
