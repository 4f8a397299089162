"""The tenant list as a django-tables2 table; ID numbers are masked for users without the permission."""

from typing import Any, NamedTuple

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Tenant
from .validators import mask_id_number

STATUS_BADGES: dict[str, str] = {
    Tenant.Status.ACTIVE: "text-bg-success",
    Tenant.Status.PROSPECT: "text-bg-info",
    Tenant.Status.ARCHIVED: "text-bg-secondary",
}


class TenantTable(tables.Table):
    name = tables.Column(
        linkify=("tenancy:tenant-detail", {"pk": tables.A("pk")}), verbose_name=capfirst(_("name"))
    )
    kind = tables.Column(verbose_name=capfirst(_("kind")))
    identifier = tables.Column(
        verbose_name=capfirst(_("credit code / ID number")),
        empty_values=(),
        order_by=("credit_code", "id_number"),
    )
    primary_contact_name = tables.Column(verbose_name=capfirst(_("primary contact")))
    primary_contact_mobile = tables.Column(verbose_name=capfirst(_("mobile")), orderable=False)
    status = tables.Column(verbose_name=capfirst(_("status")))

    class Meta:
        model = Tenant
        fields = ("name", "kind", "identifier", "primary_contact_name", "primary_contact_mobile", "status")
        attrs = {"class": "table table-hover table-sm align-middle bg-white", "data-testid": "tenant-table"}
        empty_text = _("No tenants match.")
        order_by = ("name",)
        # Prints the body rows straight from the records (keep it in step with the columns above).
        template_name = "tenancy/_tenant_table.html"

    def __init__(self, *args: Any, show_confidential: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_confidential = show_confidential

    def render_identifier(self, record: Tenant) -> str:
        if record.kind == Tenant.Kind.PERSON:
            shown = record.id_number if self.show_confidential else mask_id_number(record.id_number)
            return format_html('<span class="masked">{}</span>', shown)
        return format_html('<span class="font-monospace">{}</span>', record.credit_code)

    def render_status(self, record: Tenant) -> str:
        badge = STATUS_BADGES.get(record.status, "text-bg-light")
        return format_html('<span class="badge {}">{}</span>', badge, record.get_status_display())

    def body_rows(self) -> list["TenantCells"]:
        """The current page's rows as ready-to-print cells (tables2 renders cells one by one, slowly)."""
        return [
            TenantCells(
                url=reverse("tenancy:tenant-detail", args=[tenant.pk]),
                name=tenant.name,
                kind=tenant.get_kind_display(),
                identifier=self.render_identifier(tenant),
                contact=tenant.primary_contact_name or "—",
                mobile=tenant.primary_contact_mobile or "—",
                status=self.render_status(tenant),
            )
            for tenant in (row.record for row in self.paginated_rows)
        ]


class TenantCells(NamedTuple):
    """One row of the tenant list, in the order of TenantTable's columns."""

    url: str
    name: str
    kind: str
    identifier: str
    contact: str
    mobile: str
    status: str
