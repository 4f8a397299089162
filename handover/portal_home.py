"""Handover's part of the portal home: fixed rectification items waiting for the tenant to confirm."""

from datetime import date
from typing import Any

from django.db.models import CharField, F, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenancy.portal_home import PORTAL_HOME, WaitingItem, WaitingSource
from tenancy.portal_roles import OPERATIONS_ACTORS

from .models import RectificationItem


def fixed_items_waiting(tenant: Any) -> Any:
    """Items marked fixed that the tenant has not confirmed, with their unit and building."""
    return (
        RectificationItem.objects.filter(visit__tenant=tenant, status=RectificationItem.Status.FIXED)
        .annotate(
            w_kind=Value("rectification", output_field=CharField()),
            w_ref=Concat(F("visit__unit__code"), Value(""), output_field=CharField()),
            w_building=F("visit__unit__building__name"),
        )
        .order_by("due_date", "pk")
        .values_list("w_kind", "pk", "w_ref", "w_building", "due_date")
    )


def _item(pk: int, unit: str, building: str, due: date | None) -> WaitingItem:
    url = reverse("portal:handover-visits")
    return WaitingItem(_("Repair item to confirm"), unit, url, _("Confirm it is fixed"), building, None)


def register() -> None:
    PORTAL_HOME.register_waiting(
        WaitingSource("rectification", fixed_items_waiting, _item, OPERATIONS_ACTORS)
    )
