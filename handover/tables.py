"""The visit list and the pre-inspection tasks as tables."""

from typing import Any

import django_tables2 as tables
from django.utils import timezone
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


def _due_class(record: Any) -> str:
    return "small text-danger" if record.due_date < timezone.localdate() else "small text-muted"


class PreInspectionTable(tables.Table):
    """Engineering's and security's pre-inspection tasks not done yet (``selectors.pre_inspections_due``)."""

    unit = tables.LinkColumn(
        "handover:visit-detail",
        args=[tables.A("visit_id")],
        accessor="visit__unit__code",
        verbose_name=_("Unit"),
    )
    tenant = tables.Column(accessor="visit__tenant__name", verbose_name=_("Tenant"))
    department = tables.Column(verbose_name=_("Department"))
    due_date = tables.DateColumn("Y-m-d", verbose_name=_("Due"), attrs={"td": {"class": _due_class}})

    class Meta:
        attrs = {"class": "table table-sm mb-0", "data-testid": "pre-inspection-table"}
        empty_text = _("Nothing to do.")


class FreightLiftTable(tables.Table):
    """Every freight-lift request of the user's buildings, latest day first."""

    day = tables.DateColumn("Y-m-d", verbose_name=_("Day"))
    slot = tables.Column(verbose_name=_("Time"))
    building = tables.Column(accessor="building__name", verbose_name=_("Building"))
    tenant = tables.Column(accessor="tenant__name", verbose_name=_("Tenant"))
    purpose = tables.Column(verbose_name=_("What is carried"))
    status = tables.Column(verbose_name=_("Status"))
    decline_reason = tables.Column(verbose_name=_("Reason for declining"), default="")

    class Meta:
        attrs = {"class": "table table-sm mb-0", "data-testid": "freight-table"}
        empty_text = _("No request yet.")
