"""Fit-out's part of the portal home: notices the tenant has to answer and agreements waiting to be signed."""

from datetime import date
from typing import Any

from django.db.models import CharField, DateField, F, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenancy.portal_home import PORTAL_HOME, WaitingItem, WaitingSource
from tenancy.portal_roles import OPERATIONS_ACTORS

from .models import Application, Notice

# The agreement is signed before the permit: until then an application without it waits for signatures.
SIGNABLE = (Application.Status.SUBMITTED, Application.Status.CHANGES, Application.Status.APPROVED)


def notices_waiting(tenant: Any) -> Any:
    """Rectification and violation notices the tenant has not answered, earliest deadline first."""
    return (
        Notice.objects.filter(application__tenant=tenant, answered_at__isnull=True)
        .annotate(
            w_kind=Value("fitout_notice", output_field=CharField()),
            w_pk=F("application_id"),
            w_building=F("application__lease__building__name"),
        )
        .order_by("deadline", "pk")
        .values_list("w_kind", "w_pk", "number", "w_building", "deadline")
    )


def agreements_waiting(tenant: Any) -> Any:
    """Fit-out applications whose management agreement tenant and contractor have not signed yet."""
    return (
        Application.objects.filter(tenant=tenant, status__in=SIGNABLE, agreement_document_id__isnull=True)
        .annotate(
            w_kind=Value("fitout_sign", output_field=CharField()),
            w_building=F("lease__building__name"),
            w_due=Value(None, output_field=DateField()),
        )
        .order_by("pk")
        .values_list("w_kind", "pk", "number", "w_building", "w_due")
    )


def _notice_item(application_pk: int, number: str, building: str, due: date | None) -> WaitingItem:
    url = reverse("fitout_portal:detail", args=[application_pk])
    return WaitingItem(_("Fit-out notice to answer"), number, url, _("Answer the notice"), building, due)


def _sign_item(pk: int, number: str, building: str, due: date | None) -> WaitingItem:
    url = reverse("fitout_portal:sign", args=[pk])
    return WaitingItem(_("Fit-out agreement to sign"), number, url, _("Sign on screen"), building, due)


def register() -> None:
    PORTAL_HOME.register_waiting(
        WaitingSource("fitout_notice", notices_waiting, _notice_item, OPERATIONS_ACTORS)
    )
    PORTAL_HOME.register_waiting(
        WaitingSource("fitout_sign", agreements_waiting, _sign_item, OPERATIONS_ACTORS)
    )
