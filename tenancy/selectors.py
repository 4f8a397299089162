"""Read-side queries for tenants."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Tenant


def dashboard_cards() -> list[dict]:
    counts = Tenant.objects.aggregate(
        active=Count("pk", filter=Q(status=Tenant.Status.ACTIVE)),
        prospect=Count("pk", filter=Q(status=Tenant.Status.PROSPECT)),
    )
    url = reverse("tenancy:tenant-list")
    return [
        {"label": _("Active tenants"), "value": counts["active"], "url": url, "icon": "people"},
        {"label": _("Prospects"), "value": counts["prospect"], "url": url, "icon": "person-plus"},
    ]
