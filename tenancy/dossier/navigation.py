"""The archive's menu entry: the registers' first page each role may open."""

from django.utils.translation import gettext_lazy as _

from ..navigation import NavItem
from ..roles import Role

STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Archive"), "archive:expiring", "archive", (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)),
)
