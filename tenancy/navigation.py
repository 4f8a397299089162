"""The staff navigation: each entry names the roles that may use it, so a role sees only what it can open."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import ALL_STAFF


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    icon: str
    roles: tuple[str, ...] = ALL_STAFF


STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Dashboard"), "home", "speedometer2"),
    NavItem(_("Units"), "leasing:unit-list", "building"),
    NavItem(_("Tenants"), "tenancy:tenant-list", "people"),
    # The service desk's labels are translated in its own catalogue: passed as variables, makemessages
    # leaves them there.
    NavItem(_(SERVICE_DESK_LABEL := "Service desk"), "servicedesk:ticket-list", "headset"),
    NavItem(_(SERVICE_ANALYSIS := "Service analysis"), "servicedesk:analysis", "bar-chart", ("management",)),
)
