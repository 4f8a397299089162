"""Which staff roles may read and change leases."""

from documents.actors import AnyUser
from tenancy.access import has_role
from tenancy.roles import Role

# The contract ledger and lease pages.
LEASE_VIEWERS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT)
# Draft, sign, activate, cancel and amend leases: the business department and management.
LEASE_EDITORS: tuple[str, ...] = (Role.BUSINESS, Role.MANAGEMENT)
# Renewal talks and move-out notices: the service department (front desk), business, management.
RENEWAL_STAFF: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
# Accept a move-out notice shorter than the notice period.
NOTICE_OVERRIDERS: tuple[str, ...] = (Role.MANAGEMENT,)
# Occupancy, leases ending soon, the rent roll.
LEASE_REPORT_VIEWERS: tuple[str, ...] = (Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT)


def can_edit_leases(user: AnyUser) -> bool:
    return has_role(user, LEASE_EDITORS)
