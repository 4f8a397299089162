"""The table of renewal cases, sorted, paginated and exported by ``documents.lists``."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from documents.actors import User
from tenancy.people import display_name

from ..models import RenewalCase


class RenewalCaseTable(tables.Table):
    lease = tables.Column(
        accessor="lease__number",
        linkify=("leasing:renewal-case-detail", {"pk": tables.A("pk")}),
        verbose_name=_("Lease number"),
    )
    tenant = tables.TemplateColumn(
        "{% load i18n %}{{ record.lease.tenant.name }}{% if record.priority %} "
        '<span class="badge text-bg-success" data-testid="priority-renewal" '
        "title=\"{% translate 'Credit grade A: listed for priority renewal' %}\">"
        '<i class="bi bi-star-fill"></i> {% translate "Priority" %}</span>{% endif %}',
        accessor="lease__tenant__name",
        verbose_name=_("Tenant"),
    )
    building = tables.Column(accessor="lease__building__name", verbose_name=_("Building"))
    term_end = tables.DateColumn("Y-m-d", verbose_name=_("Term end"))
    due_date = tables.DateColumn("Y-m-d", verbose_name=_("Answer due"))
    owner = tables.Column(
        accessor="owner", verbose_name=_("Owner"), order_by=("owner__last_name", "owner__username")
    )
    intent = tables.Column(verbose_name=_("Tenant's intent"))

    class Meta:
        model = RenewalCase
        fields = ("lease", "tenant", "building", "term_end", "due_date", "owner", "intent")
        attrs = {"class": "table table-hover table-sm align-middle mb-0", "data-testid": "renewal-cases"}
        empty_text = _("No renewal cases.")

    def render_owner(self, value: User | None) -> str:
        return display_name(value)

    def value_owner(self, value: User | None) -> str:
        return display_name(value)

    def value_tenant(self, record: RenewalCase) -> str:
        return record.lease.tenant.name
