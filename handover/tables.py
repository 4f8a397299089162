"""The visit list as a table."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Visit


class VisitTable(tables.Table):
    unit = tables.LinkColumn("handover:visit-detail", args=[tables.A("pk")], verbose_name=_("Unit"))
    kind = tables.Column(verbose_name=_("Kind"))
    tenant = tables.Column(verbose_name=_("Tenant"), accessor="tenant__name")
    lease = tables.Column(verbose_name=_("Lease"), accessor="lease__number")
    visit_date = tables.DateColumn(verbose_name=_("Visit date"), format="Y-m-d")
    status = tables.Column(verbose_name=_("Status"))
    open_rectifications = tables.Column(verbose_name=_("Open rectifications"), orderable=False)

    class Meta:
        model = Visit
        fields = ("unit", "kind", "tenant", "lease", "visit_date", "status", "open_rectifications")
        attrs = {"class": "table table-hover align-middle"}
        empty_text = _("No visits.")
