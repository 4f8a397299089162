"""The counter card: the public application page's address and its QR code, printed for the front desk."""

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from ..access import role_required
from .services import INTAKE_ROLES


def public_apply_url() -> str:
    """The public application page's full address, as applicants type or scan it."""
    return settings.SITE_URL + reverse("intake:apply")


@role_required(*INTAKE_ROLES)
def counter_card(request: HttpRequest) -> HttpResponse:
    """Front desk, business, management: a printable card with the public page's address and QR code."""
    address = public_apply_url()
    svg = segno.make(address, error="m").svg_inline(omitsize=True, border=2, dark="#000")
    context = {"address": address, "qr_svg": mark_safe(svg)}  # noqa: S308 (segno's SVG of our own address)
    return render(request, "tenancy/intake/counter_card.html", context)
