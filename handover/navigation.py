"""Handover's entries in the staff menu."""

from django.utils.translation import gettext_lazy as _

from tenancy.navigation import NavItem

from .permissions import ROUND_VIEWERS, VISIT_VIEWERS

STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Handovers"), "handover:visit-list", "key", VISIT_VIEWERS),
    NavItem(_("Meter readings"), "handover:round-list", "speedometer2", ROUND_VIEWERS),
)
