"""Who does what in fit-out: engineering reviews and inspects, security issues passes and checks them at the
gate, finance bills the deposit, the front desk applies on a tenant's behalf; management may do all of it."""

from documents.actors import AnyUser
from tenancy.access import has_role
from tenancy.roles import Role

FITOUT_VIEWERS: tuple[str, ...] = (
    Role.FRONT_DESK,
    Role.FINANCE,
    Role.ENGINEERING,
    Role.SECURITY,
    Role.MANAGEMENT,
)
APPLICANTS: tuple[str, ...] = (Role.FRONT_DESK, Role.MANAGEMENT)
ENGINEERS: tuple[str, ...] = (Role.ENGINEERING, Role.MANAGEMENT)
CASHIERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)
GUARDS: tuple[str, ...] = (Role.SECURITY, Role.MANAGEMENT)
# Inspections during the works and violation notices: security patrols the site as engineering does.
# Rectification notices, which set technical work and its deadline, stay engineering's.
INSPECTORS: tuple[str, ...] = (Role.ENGINEERING, Role.SECURITY, Role.MANAGEMENT)


def may(user: AnyUser, roles: tuple[str, ...]) -> bool:
    return has_role(user, roles)
