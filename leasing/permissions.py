"""Which staff roles may look at, edit and create the space inventory."""

from documents.actors import AnyUser
from tenancy.access import has_role
from tenancy.roles import ALL_STAFF, Role

SPACE_VIEWERS: tuple[str, ...] = ALL_STAFF
UNIT_EDITORS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.ENGINEERING, Role.MANAGEMENT)
SPACE_MANAGERS: tuple[str, ...] = (Role.BUSINESS, Role.MANAGEMENT)


def can_edit_units(user: AnyUser) -> bool:
    return has_role(user, UNIT_EDITORS)


def can_manage_space(user: AnyUser) -> bool:
    """Create units and buildings, edit buildings, import units."""
    return has_role(user, SPACE_MANAGERS)
