"""The service desk's entries in the staff menu."""

from django.utils.translation import gettext_lazy as _

from tenancy.navigation import NavItem
from tenancy.roles import Role

STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Service desk"), "servicedesk:ticket-list", "headset"),
    NavItem(_("Service analysis"), "servicedesk:analysis", "bar-chart", (Role.MANAGEMENT,)),
)
