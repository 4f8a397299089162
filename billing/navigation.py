"""Billing's entries in the staff menu."""

from django.utils.translation import gettext_lazy as _

from tenancy.navigation import NavItem
from tenancy.roles import Role

STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Billing"), "billing:bill-list", "receipt", (Role.FINANCE, Role.MANAGEMENT)),
    NavItem(_("Suspended tenants"), "billing:suspended", "slash-circle", (Role.FRONT_DESK,)),
    NavItem(
        _("Arrears files"),
        "billing:collection-list",
        "folder2-open",
        (Role.FRONT_DESK, Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT),
    ),
    NavItem(_("Termination decisions"), "billing:recommendation-list", "hourglass-split", (Role.MANAGEMENT,)),
)
