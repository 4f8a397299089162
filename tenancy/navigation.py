"""Staff menu entries: each names the roles that may use it, so a role sees only what it can open."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import ALL_STAFF


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    icon: str
    roles: tuple[str, ...] = ALL_STAFF


INTAKE_VIEWERS = ("front_desk", "business", "legal", "finance", "management")
INTAKE_REVIEWERS = ("business", "legal", "finance", "management")
CREDIT_REVIEWERS = ("business", "management")

# Tenancy's own entries; each app keeps its entries (and their translations) in its ``navigation.py``,
# and ``config.navigation`` puts them in order.
STAFF_NAV: tuple[NavItem, ...] = (
    NavItem(_("Tenants"), "tenancy:tenant-list", "people"),
    NavItem(_("Applications"), "intake:application-list", "file-earmark-text", INTAKE_VIEWERS),
    NavItem(_("Review queue"), "intake:queue-mine", "inboxes", INTAKE_REVIEWERS),
    NavItem(_("Credit reviews"), "tenancy:credit-review-list", "graph-down-arrow", CREDIT_REVIEWERS),
    NavItem(_("Working-day calendar"), "calendar:index", "calendar3", ("management",)),
    NavItem(_("API keys"), "integrations:api-key-list", "key", ("management",)),
    NavItem(_("Webhooks"), "integrations:webhook-list", "broadcast", ("management",)),
)
