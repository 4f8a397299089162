"""Who may read the tenant directory."""

from tenancy.roles import Role

# The service department (front desk) keeps the directory; the business department and management read it.
DIRECTORY_VIEWERS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
