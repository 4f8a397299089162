"""The space inventory's entries in the staff menu."""

from django.utils.translation import gettext_lazy as _

from tenancy.navigation import NavItem
from tenancy.offices import OFFICE_KEEPERS
from tenancy.roles import Role

from .directory.permissions import DIRECTORY_VIEWERS
from .leases.permissions import LEASE_VIEWERS
from .leases.termination import TERMINATION_DECIDERS
from .notices.services import NOTICE_PUBLISHERS

STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Units"), "leasing:unit-list", "grid-3x3-gap"),
    NavItem(_("Buildings"), "leasing:building-list", "buildings"),
    NavItem(_("Contract ledger"), "leasing:lease-list", "journal-text", LEASE_VIEWERS),
    NavItem(_("Tenant directory"), "leasing:directory", "person-lines-fill", DIRECTORY_VIEWERS),
    NavItem(_("Building notices"), "leasing:building-notice-list", "megaphone", NOTICE_PUBLISHERS),
    NavItem(_("Drafts waiting for legal"), "leasing:legal-review-list", "shield-check", (Role.LEGAL,)),
    NavItem(_("Terminations to decide"), "leasing:termination-list", "x-octagon", TERMINATION_DECIDERS),
    NavItem(_("Management offices"), "leasing:office-list", "diagram-3", OFFICE_KEEPERS),
)
