"""Fit-out's entries in the staff menu."""

from django.utils.translation import gettext_lazy as _

from tenancy.navigation import NavItem

from .permissions import FITOUT_VIEWERS, GUARDS

STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Fit-out"), "fitout:application-list", "tools", FITOUT_VIEWERS),
    NavItem(_("Pass check"), "fitout:pass-check", "qr-code-scan", GUARDS),
)
