"""Who may do what in a handover: views check the role, services check again (``require_role``)."""

from documents.actors import AnyUser
from tenancy.access import has_role, user_roles
from tenancy.roles import Role

# See visits, their sheets and rectification items (legal has no part in handovers).
VISIT_VIEWERS: tuple[str, ...] = (
    Role.FRONT_DESK,
    Role.BUSINESS,
    Role.FINANCE,
    Role.ENGINEERING,
    Role.SECURITY,
    Role.MANAGEMENT,
)
# Open visits (the service department runs move-in and move-out).
VISIT_OPENERS: tuple[str, ...] = (Role.FRONT_DESK, Role.MANAGEMENT)
# Fill in and sign sheets, read meters, book the freight lift: service department, engineering, management.
HANDOVER_STAFF: tuple[str, ...] = (Role.FRONT_DESK, Role.ENGINEERING, Role.MANAGEMENT)
# Fix rectification items.
RECTIFIERS: tuple[str, ...] = (Role.ENGINEERING, Role.MANAGEMENT)
# Engineering opens, enters and closes the monthly meter-reading rounds; front desk and management see them.
ROUND_READERS: tuple[str, ...] = (Role.ENGINEERING,)
ROUND_VIEWERS: tuple[str, ...] = (Role.FRONT_DESK, Role.ENGINEERING, Role.MANAGEMENT)
# Record pre-inspection findings (each department its own task; management any).
INSPECTORS: tuple[str, ...] = (Role.ENGINEERING, Role.SECURITY, Role.MANAGEMENT)


def may_inspect(user: AnyUser, department: str) -> bool:
    """Engineering records engineering's findings, security security's; management either."""
    roles = user_roles(user)
    return Role.MANAGEMENT in roles or department in roles


def can_edit_sheets(user: AnyUser) -> bool:
    return has_role(user, HANDOVER_STAFF)
