"""The contract ledger's table (django-tables2)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from documents.wording import join_list

from ..models import Lease

STATUS_BADGES: dict[str, str] = {
    Lease.Status.DRAFT: "text-bg-light border",
    Lease.Status.SIGNED: "text-bg-warning",
    Lease.Status.ACTIVE: "text-bg-success",
    Lease.Status.NOTICE_GIVEN: "text-bg-info",
    Lease.Status.ENDED: "text-bg-secondary",
    Lease.Status.CANCELLED: "text-bg-dark",
}
NUMBER = {"th": {"class": "text-end"}, "td": {"class": "text-end text-nowrap"}}


def lease_status_badge(lease: Lease) -> SafeString:
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        STATUS_BADGES.get(lease.status, "text-bg-light"),
        lease.status,
        lease.get_status_display(),
    )


class LeaseTable(tables.Table):
    number = tables.Column(
        linkify=("leasing:lease-detail", {"pk": tables.A("pk")}), verbose_name=_("Lease number")
    )
    tenant = tables.Column(accessor="tenant__name", verbose_name=_("Tenant"), order_by=("tenant__name", "pk"))
    building = tables.Column(
        accessor="building__name", verbose_name=_("Building"), order_by=("building__code", "pk")
    )
    units = tables.Column(empty_values=(), orderable=False, verbose_name=_("Units"))
    area = tables.Column(attrs=NUMBER, verbose_name=_("Area (m²)"))
    start_date = tables.DateColumn(format="Y-m-d", verbose_name=_("Start"))
    effective_end = tables.DateColumn(format="Y-m-d", verbose_name=_("End"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Lease
        fields = ["number", "tenant", "building", "units", "area", "start_date", "effective_end", "status"]
        attrs = {"class": "table table-hover table-sm align-middle mb-0", "data-testid": "lease-table"}
        empty_text = _("No leases match these filters.")

    def render_units(self, record: Lease) -> str:
        return join_list(row.unit.code for row in record.held_units)

    def render_status(self, record: Lease) -> SafeString:
        return lease_status_badge(record)
