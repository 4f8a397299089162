"""Which staff roles may look at, edit and create the space inventory."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tenancy.access import has_role
from tenancy.roles import ALL_STAFF, Role

SPACE_VIEWERS: tuple[str, ...] = ALL_STAFF
UNIT_EDITORS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.ENGINEERING, Role.MANAGEMENT)
SPACE_MANAGERS: tuple[str, ...] = (Role.BUSINESS, Role.MANAGEMENT)


def can_edit_units(user: Any) -> bool:
    return has_role(user, UNIT_EDITORS)


def can_manage_space(user: Any) -> bool:
    """Create units and buildings, edit buildings, import units."""
    return has_role(user, SPACE_MANAGERS)


def require_role(user: Any, roles: tuple[str, ...]) -> None:
    """Services check again what the view checked, so a command or task cannot bypass the roles."""
    if not has_role(user, roles):
        raise PermissionDenied(_("Your role may not change the space inventory this way."))
