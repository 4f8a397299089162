"""What ``make loadtest`` requests: our pages, each beside its peer in the Django admin, and the logins.

Built in the seeded bench database (``plan_build``) and written as JSON for the locustfile, which knows no
Django. An action is what a user does at once (open a filtered list, a detail, a PDF, file a ticket); staff
actions run with sessions of management (who may open every staff page), portal actions with sessions of a
tenant's portal user, and every peer with the superuser's, on the admin changelists (and change pages) of the
same models. A weight says how often a user picks the action.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

STAFF_USER = "manager"  # management may open every staff page (as in bench.pages)
PORTAL_USER = "tenant1"  # a tenant's portal user of the demo
ADMIN_USER = "admin"  # the superuser, for the admin's pages
# The models of our lists: their admin changelists show as many rows per page as our lists do.
LISTS = {
    "leasing:unit-list": "leasing.Unit",
    "tenancy:tenant-list": "tenancy.Tenant",
    "billing:bill-list": "billing.Bill",
    "servicedesk:ticket-list": "servicedesk.Ticket",
}


@dataclass(frozen=True)
class Step:
    """One request: ``get`` a page (redirects followed), or ``form``: get the page, then post ``data`` with
    the form's CSRF token; the post must end on another page (a form shown again is a failure)."""

    url: str
    kind: str = "get"
    data: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Action:
    name: str
    role: str  # "staff" or "portal": whose sessions request our pages
    weight: int
    ours: tuple[Step, ...]
    peer: tuple[Step, ...]


def plan_build(*, sessions: int = 16) -> dict[str, Any]:
    """The actions over the seeded data, the rows per page of our lists, and ``sessions`` logged-in sessions
    per role (staff, portal, admin), as the locustfile reads them."""
    return {
        "actions": [asdict(action) for action in actions_build()],
        "admin_rows": admin_rows(),
        "sessions": {
            role: [session_cookie(username) for _ in range(sessions)]
            for role, username in (("staff", STAFF_USER), ("portal", PORTAL_USER), ("admin", ADMIN_USER))
        },
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "login_paths": [reverse("login"), reverse("admin:login")],
    }


def session_cookie(username: str) -> str:
    """A new logged-in session of the user (no password hashing, no lock-out counting): its cookie value."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def actions_build() -> list[Action]:
    """Our staff and portal pages over the seeded data, each with its peer in the admin."""
    return [*_staff_actions(), *_portal_actions()]


def _first(model: str, *order: str, **filters: Any) -> Any:
    found = apps.get_model(model).objects.filter(**filters).order_by(*order or ("pk",)).first()
    if found is None:
        raise RuntimeError(f"the seeded data has no {model} {filters}: seed_demo first")
    return found


def _admin(model: str, view: str = "changelist", *args: Any, **query: Any) -> str:
    app_label, model_name = model.lower().split(".")
    url = reverse(f"admin:{app_label}_{model_name}_{view}", args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _ours(url_name: str, *args: Any, **query: Any) -> str:
    url = reverse(url_name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _get(name: str, role: str, weight: int, ours: str, peer: str) -> Action:
    return Action(name, role, weight, (Step(ours),), (Step(peer),))


def _staff_actions() -> list[Action]:
    from billing.services.documents import bill_render

    unit = _first("leasing.Unit", status="occupied")
    tenant = _first("tenancy.Tenant", kind="company")
    bill, ticket = _first("billing.Bill", "-pk"), _first("servicedesk.Ticket")
    term = tenant.name[:2]
    building = unit.building_id
    bill_render(bill=bill)
    return [
        _get("dashboard", "staff", 3, _ours("home"), reverse("admin:index")),
        _get(
            "units.filtered",
            "staff",
            2,
            _ours("leasing:unit-list", status="vacant", building=building),
            _admin("leasing.Unit", status__exact="vacant", building__id__exact=building),
        ),
        _get("units.page2", "staff", 2, _ours("leasing:unit-list", page=2), _admin("leasing.Unit", p=2)),
        _get(
            "tenants.search",
            "staff",
            2,
            _ours("tenancy:tenant-list", q=term),
            _admin("tenancy.Tenant", q=term),
        ),
        _get(
            "bills.open",
            "staff",
            2,
            _ours("billing:bill-list", open="true"),
            _admin("billing.Bill", settled_on__isnull="True"),
        ),
        _get("bills.page2", "staff", 1, _ours("billing:bill-list", page=2), _admin("billing.Bill", p=2)),
        _get(
            "tickets.filtered",
            "staff",
            2,
            _ours("servicedesk:ticket-list", status="new"),
            _admin("servicedesk.Ticket", status__exact="new"),
        ),
        _get(
            "unit.detail",
            "staff",
            2,
            _ours("leasing:unit-detail", unit.pk),
            _admin("leasing.Unit", "change", unit.pk),
        ),
        _get(
            "tenant.detail",
            "staff",
            2,
            _ours("tenancy:tenant-detail", tenant.pk),
            _admin("tenancy.Tenant", "change", tenant.pk),
        ),
        _get(
            "bill.detail",
            "staff",
            1,
            _ours("billing:bill-detail", bill.pk),
            _admin("billing.Bill", "change", bill.pk),
        ),
        _get(
            "ticket.detail",
            "staff",
            1,
            _ours("servicedesk:ticket-detail", ticket.pk),
            _admin("servicedesk.Ticket", "change", ticket.pk),
        ),
        _get("search", "staff", 2, _ours("search:search", q=term), _admin("tenancy.Tenant", q=term)),
        # The bill's PDF: rendered here, so the load downloads it (the first request of all renders it).
        _get(
            "bill.pdf",
            "staff",
            1,
            _ours("billing:bill-pdf", bill.pk),
            _admin("documents.Document", q=bill.number),
        ),
    ]


def _portal_actions() -> list[Action]:
    user = get_user_model().objects.get(username=PORTAL_USER)
    tenant = apps.get_model("tenancy.TenantMembership").objects.get(user=user).tenant
    bill = _first("billing.Bill", "-pk", tenant=tenant)
    of_tenant = {"tenant__id__exact": tenant.pk}
    ticket_create = Step(_ours("portal:ticket-create"), "form", _ticket_data(tenant))
    return [
        _get("portal.home", "portal", 2, _ours("portal:home"), _admin("leasing.Lease", **of_tenant)),
        _get("portal.bills", "portal", 2, _ours("portal:billing"), _admin("billing.Bill", **of_tenant)),
        _get(
            "portal.bill",
            "portal",
            1,
            _ours("portal:bill-detail", bill.pk),
            _admin("billing.Bill", "change", bill.pk),
        ),
        _get(
            "portal.requests", "portal", 2, _ours("portal:tickets"), _admin("servicedesk.Ticket", **of_tenant)
        ),
        # Filing a ticket: two requests (the form, the post answered by the new ticket's page), as its peer.
        Action(
            "portal.ticket.create",
            "portal",
            1,
            (ticket_create,),
            (Step(_admin("servicedesk.Ticket", "add")), Step(_admin("servicedesk.Ticket", **of_tenant))),
        ),
    ]


def _ticket_data(tenant: Any) -> dict[str, str]:
    from servicedesk.selectors import portal_units

    unit = portal_units(tenant).order_by("pk").first()
    if unit is None:
        raise RuntimeError(f"the demo tenant {tenant} rents no unit: seed_demo first")
    return {
        "kind": "repair",
        "urgency": "normal",
        "category": str(_first("servicedesk.Category", active=True).pk),
        "unit": str(unit.pk),
        "description": "空调不制冷（负载测试）",
        "contact_name": "负载测试",
        "contact_phone": "13800000000",
    }


def admin_rows() -> dict[str, int]:
    """Rows per page of our lists, by model: the admin changelists are set to the same (as ``make bench``)."""
    from bench.pages import _rows_per_page

    client = Client()
    client.force_login(get_user_model().objects.get(username=STAFF_USER))
    return {model: _rows_per_page(client, reverse(url_name)) for url_name, model in LISTS.items()}
