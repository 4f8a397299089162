"""Staff roles: Django groups created by a migration, one per department."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FRONT_DESK = "front_desk", _("Front desk")
    BUSINESS = "business", _("Business department")
    LEGAL = "legal", _("Legal department")
    FINANCE = "finance", _("Finance department")
    ENGINEERING = "engineering", _("Engineering department")
    SECURITY = "security", _("Security department")
    MANAGEMENT = "management", _("Management")


ALL_STAFF: tuple[str, ...] = tuple(Role.values)

# Roles that approve, pay or see confidential data: they must use a second factor when REQUIRE_2FA is on (so
# must anyone granted CONFIDENTIAL_PERMISSION). Every other staff member may turn it on.
TWO_FACTOR_ROLES: frozenset[str] = frozenset({Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT})

# Supervisors see ID numbers and licence scans; others only when granted the permission.
CONFIDENTIAL_PERMISSION = "tenancy.view_confidential"
