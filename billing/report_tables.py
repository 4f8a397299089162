"""Tables of the lists on finance's report pages (the dunning letters under the arrears, the closed months
beside the ledger export, the payments by method), sorted, paginated and exported by ``documents.lists``;
each has a prefix, as it shares its page with a form or another list."""

from datetime import date
from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.db.models import QuerySet
from django.template.defaultfilters import floatformat
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.columns import MONEY_ATTRS, MoneyColumn
from documents.money import ZERO, yuan
from tenancy.people import display_name

from .models import ClosedPeriod, DunningLetter


def dunning_letters(*, as_of: date, building_id: int | None = None) -> QuerySet[DunningLetter]:
    """The letters sent by ``as_of`` (of one building's bills, or all), newest first."""
    letters = DunningLetter.objects.select_related("bill__tenant").filter(sent_on__lte=as_of)
    if building_id:
        letters = letters.filter(bill__building_id=building_id)
    return letters.order_by("-sent_on", "-pk")


class DunningLetterTable(tables.Table):
    tenant = tables.Column(accessor="bill__tenant__name", verbose_name=_("Tenant"))
    bill = tables.Column(
        accessor="bill__number",
        linkify=("billing:bill-detail", {"pk": tables.A("bill_id")}),
        verbose_name=_("Bill number"),
    )
    kind = tables.Column(verbose_name=_("Stage"))
    suspends_service = tables.BooleanColumn(verbose_name=_("Suspends service"))
    sent_on = tables.DateColumn("Y-m-d", verbose_name=_("Sent on"))

    class Meta:
        model = DunningLetter
        fields = ("tenant", "bill", "kind", "suspends_service", "sent_on")
        attrs = {"class": "table table-sm mb-0", "data-testid": "letter-table"}
        empty_text = _("None yet.")


class ClosedPeriodTable(tables.Table):
    month = tables.DateColumn("Y-m", verbose_name=_("Month"))
    closed_by = tables.Column(verbose_name=_("Closed by"), order_by=("closed_by__username",))
    closed_at = tables.DateTimeColumn("Y-m-d H:i", verbose_name=pgettext_lazy("closed month", "Closed at"))

    class Meta:
        model = ClosedPeriod
        fields = ("month", "closed_by", "closed_at")
        attrs = {"class": "table table-sm mb-0", "data-testid": "closed-table"}
        empty_text = _("None yet.")


LABEL_LINK = (
    "<a href=\"?start={{ start|date:'Y-m-d' }}&amp;end={{ end|date:'Y-m-d' }}"
    '&amp;method={{ record.method }}">{{ record.label }}</a>'
)


class MethodTable(tables.Table):
    """The payment-method reconciliation report: per method, the payments received in the period and their
    total; each method links to its payments (rows are ``reconciliation.MethodTotal``)."""

    label = tables.TemplateColumn(
        LABEL_LINK, verbose_name=_("Payment method"), order_by=("label",), footer=_("Total")
    )
    count = tables.Column(
        verbose_name=_("Payments"), attrs=MONEY_ATTRS, footer=lambda table: sum(r.count for r in table.data)
    )
    total = MoneyColumn(
        verbose_name=_("Total"), footer=lambda table: yuan(sum((r.total for r in table.data), ZERO))
    )

    class Meta:
        attrs = {"class": "table table-sm table-hover mb-0", "data-testid": "method-totals"}
        row_attrs = {"data-testid": lambda record: f"method-{record.method}"}

    def value_label(self, record: Any) -> str:
        return record.label


OVERRIDE_BUTTON = (
    '{% load i18n %}{% if can_override %}<a class="btn btn-sm btn-outline-danger" '
    'href="{% url \'billing:settlement-override\' record.pk %}">{% translate "Settle without it" %}</a>'
    "{% endif %}"
)


class UnconfirmedTable(tables.Table):
    """Leases being moved out whose move-out confirmation is not signed yet
    (``leases_awaiting_confirmation``); management may settle one without it (the page's ``can_override``)."""

    number = tables.Column(verbose_name=_("Lease"))
    tenant = tables.Column(accessor="tenant__name", verbose_name=_("Tenant"))
    effective_end = tables.DateColumn("Y-m-d", verbose_name=pgettext_lazy("lease term", "End"))
    unconfirmed = tables.Column(verbose_name=_("Units not confirmed"), orderable=False, default="")
    override = tables.TemplateColumn(
        OVERRIDE_BUTTON,
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
        attrs={"td": {"class": "text-end"}},
    )

    class Meta:
        attrs = {"class": "table table-sm mb-0", "data-testid": "unconfirmed-queue"}
        empty_text = _("No move-out is waiting for its confirmation.")

    def render_unconfirmed(self, value: list[str] | None) -> str:
        return ", ".join(value or [])

    def value_unconfirmed(self, value: list[str] | None) -> str:
        return ", ".join(value or [])


class DecidedRecommendationTable(tables.Table):
    """Management's decided recommendations to terminate: the outcome, why, and who decided."""

    tenant = tables.Column(accessor="case__tenant__name", verbose_name=_("Tenant"))
    lease = tables.Column(accessor="lease__number", verbose_name=_("Lease"))
    made_on = tables.DateColumn("Y-m-d", verbose_name=_("Recommended on"))
    status = tables.Column(verbose_name=_("Outcome"))
    note = tables.Column(verbose_name=_("Reason"), default="")
    decided_by = tables.Column(
        verbose_name=_("Decided by"), order_by=("decided_by__last_name", "decided_by__first_name")
    )

    class Meta:
        attrs = {"class": "table table-sm mb-0", "data-testid": "recommendations-decided"}
        empty_text = _("None yet.")

    def render_note(self, value: str) -> str:
        return Truncator(value).chars(80)

    def render_decided_by(self, value: Any) -> str:
        return display_name(value)

    def value_decided_by(self, value: Any) -> str:
        return display_name(value)


class DecidedProposalTable(tables.Table):
    """Price proposals approved, rejected or withdrawn (``standards_selectors.proposals(decided=True)``)."""

    kind = tables.Column(
        linkify=("billing:standard-proposal", {"pk": tables.A("pk")}), verbose_name=_("Standard")
    )
    building = tables.Column(accessor="building__name", verbose_name=_("Building"), default="—")
    price = tables.Column(verbose_name=_("Price"), attrs=MONEY_ATTRS)
    effective_from = tables.DateColumn("Y-m-d", verbose_name=_("Effective from"))
    status = tables.Column(verbose_name=_("Status"))
    proposed_by = tables.Column(verbose_name=_("Proposed by"), order_by=("proposed_by__username",))
    decided_by = tables.Column(verbose_name=_("Decided by"), order_by=("decided_by__username",))
    decided_at = tables.DateTimeColumn("Y-m-d H:i", verbose_name=_("Decided at"))

    class Meta:
        attrs = {"class": "table table-sm mb-0", "data-testid": "proposals-decided"}
        empty_text = _("None yet.")

    def render_price(self, value: Decimal) -> str:
        return floatformat(value, "-4")

    def render_proposed_by(self, value: Any) -> str:
        return display_name(value)

    def value_proposed_by(self, value: Any) -> str:
        return display_name(value)

    def render_decided_by(self, value: Any) -> str:
        return display_name(value)

    def value_decided_by(self, value: Any) -> str:
        return display_name(value)
