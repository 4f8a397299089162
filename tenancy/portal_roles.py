"""Who of a tenant's people may do what in the portal: one table, read by every portal view and service.

A tenant's administrators (its primary contact first) manage the portal people and may do everything; finance
people see and act on bills, payments and fapiao; operations people on repairs, fit-out and handover;
read-only people look at everything but repairs' and bills' buttons stay away from them. Finance people do not
see repairs, nor operations people bills: each sees the part of the tenant's business they handle.
"""

from .models.tenants import PortalRole

ADMIN = PortalRole.ADMINISTRATOR
FINANCE = PortalRole.FINANCE
OPERATIONS = PortalRole.OPERATIONS
READ_ONLY = PortalRole.READ_ONLY

PORTAL_EVERYONE: tuple[str, ...] = (ADMIN, FINANCE, OPERATIONS, READ_ONLY)
# Bills, payments, statements, fapiao.
BILLING_READERS: tuple[str, ...] = (ADMIN, FINANCE, READ_ONLY)
BILLING_ACTORS: tuple[str, ...] = (ADMIN, FINANCE)
# Repairs and requests, fit-out, handover.
OPERATIONS_READERS: tuple[str, ...] = (ADMIN, OPERATIONS, READ_ONLY)
OPERATIONS_ACTORS: tuple[str, ...] = (ADMIN, OPERATIONS)
# Leases, applications for more space, the tenant's people: the administrators speak for the company.
COMPANY_ACTORS: tuple[str, ...] = (ADMIN,)

# Which roles an administrator may give, and the e-mail topics a new person of each role starts with.
ROLE_TOPICS: dict[str, list[str]] = {
    ADMIN: ["billing", "repairs", "fitout", "building", "general"],
    FINANCE: ["billing", "building"],
    OPERATIONS: ["repairs", "fitout", "building"],
    READ_ONLY: ["building"],
}
