"""The staff dashboard: each app's counts in sections, each shown only to the roles that act on it.

config sits above every app, so it may ask them all. Each app names the querysets it wants counted
(``dashboard_counts``) and turns the counts into cards (``dashboard_cards``); the dashboard counts every shown
section's querysets in one statement, so a role that sees every section still costs one round trip.

Every count is limited to the user's buildings (``tenancy.scope``): each section says, per count, how its rows
reach a building (or a tenant, an application, a document), and a count without a declared scope is refused,
so a new card cannot leak another office's numbers. Head office counts everything, from the compiled cache.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from billing import collection_selectors
from billing import selectors as billing_selectors
from documents.actors import AnyUser
from documents.scoping import documents_in_scope
from fitout import selectors as fitout_selectors
from fitout.permissions import FITOUT_VIEWERS
from handover import selectors as handover_selectors
from handover.models import MeterRound, PreInspection, RectificationItem
from leasing import selectors as leasing_selectors
from servicedesk import selectors as servicedesk_selectors
from tenancy import selectors as tenancy_selectors
from tenancy.access import role_required, user_roles
from tenancy.dossier import selectors as dossier_selectors
from tenancy.intake import selectors as intake_selectors
from tenancy.models import Application, CreditReview, ReviewStep
from tenancy.roles import ALL_STAFF, Role
from tenancy.scope import application_scope, building_ids, scope, tenant_scope
from tenancy.workdays import calendar_warning

# How a count's rows are limited to a user's buildings.
Scoper = Callable[[QuerySet, Any], QuerySet]


def by_building(path: str) -> Scoper:
    """Rows reaching their building by ``path``."""
    return lambda queryset, user: scope(queryset, user, path)


def by_tenant(path: str = "") -> Scoper:
    """Rows of tenants the user's offices see (a tenant renting in two buildings is seen by both)."""
    return lambda queryset, user: tenant_scope(queryset, user, path)


def by_application(path: str = "") -> Scoper:
    """Rows of intake applications for the user's buildings (or naming no known building)."""
    return lambda queryset, user: application_scope(queryset, user, path)


def by_document(queryset: QuerySet, user: AnyUser) -> QuerySet:
    """Documents of the user's buildings' tenants and records."""
    return documents_in_scope(queryset, user)


@dataclass(frozen=True)
class Section:
    """Cards under one title: ``counts`` names the querysets to count, ``cards`` makes cards of the counts."""

    title: str | Promise
    counts: Callable[..., Mapping[str, QuerySet]]
    cards: Callable[[Mapping[str, Any]], list[dict]]
    roles: tuple[str, ...] = ALL_STAFF
    # True when the counted querysets depend on nothing but the code (no date, setting or request): their SQL
    # is then compiled once per process.
    fixed: bool = False
    # True when the counts are the signed-in user's own: ``counts(user)``.
    personal: bool = False
    # Per count (the part of its name before any ":"), how its rows are limited to the user's buildings.
    scopes: Mapping[str, Scoper] = field(default_factory=dict)


TENANT_DESKS = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
BILLING_DESKS = (Role.FRONT_DESK, Role.FINANCE, Role.MANAGEMENT)

SECTIONS: tuple[Section, ...] = (
    Section(
        _("Applications and credit"),
        intake_selectors.dashboard_counts,
        intake_selectors.dashboard_cards,
        (Role.FRONT_DESK, Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT),
        scopes={"queue": by_application("application"), "drops": by_tenant("tenant"), "due": by_tenant()},
    ),
    Section(
        _("Tenants"),
        tenancy_selectors.dashboard_counts,
        tenancy_selectors.dashboard_cards,
        TENANT_DESKS,
        fixed=True,
        scopes={"status": by_tenant()},
    ),
    Section(
        _("Space"),
        leasing_selectors.dashboard_counts,
        leasing_selectors.dashboard_cards,
        fixed=True,
        scopes={"status": by_building("building")},
    ),
    Section(
        _("Leases"),
        leasing_selectors.lease_dashboard_counts,
        leasing_selectors.lease_dashboard_cards,
        TENANT_DESKS,
        scopes={
            "ending": by_building("building"),
            "open_cases": by_building("lease__building"),
            "holding_over": by_building("building"),
        },
    ),
    # Each user counts the tickets their list shows them (a department sees its own and its people's).
    Section(
        _("Service desk"),
        servicedesk_selectors.dashboard_counts,
        servicedesk_selectors.dashboard_cards,
        personal=True,
        scopes=dict.fromkeys(("new", "follow_ups", "at_risk", "breached"), by_building("building")),
    ),
    Section(
        billing_selectors.DASHBOARD_TITLE,
        billing_selectors.dashboard_counts,
        billing_selectors.dashboard_cards,
        BILLING_DESKS,
        fixed=True,
        scopes={"suspended": by_building("bill__building")},
    ),
    Section(
        collection_selectors.DASHBOARD_TITLE,
        collection_selectors.dashboard_counts,
        collection_selectors.dashboard_cards,
        (Role.FRONT_DESK, Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT),
        fixed=True,
        scopes={"raised": by_tenant("tenant")},
    ),
    Section(
        collection_selectors.DECISIONS_TITLE,
        collection_selectors.decision_counts,
        collection_selectors.decision_cards,
        (Role.MANAGEMENT,),
        fixed=True,
        scopes={"undecided": by_building("lease__building")},
    ),
    Section(
        fitout_selectors.DASHBOARD_TITLE,
        fitout_selectors.dashboard_counts,
        fitout_selectors.dashboard_cards,
        FITOUT_VIEWERS,
        fixed=True,
        scopes=dict.fromkeys(
            ("status", "unanswered", "notices_overdue", "works_overdue"), by_building("lease__building")
        ),
    ),
    Section(
        _("Archive"),
        dossier_selectors.dashboard_counts,
        dossier_selectors.dashboard_cards,
        (Role.FRONT_DESK, Role.MANAGEMENT),
        fixed=True,
        scopes={"failing": by_document},
    ),
)


def assigned_counts(user: AnyUser) -> dict[str, QuerySet]:
    """The work waiting on this user by name or by department: open tickets they own or are assigned,
    pre-inspections of their department due, engineering's rectifications and open meter rounds, and the
    review steps open for their department."""
    roles = user_roles(user)
    counts: dict[str, QuerySet] = {"tickets": servicedesk_selectors.my_open_tickets(user)}
    inspecting = roles & {Role.ENGINEERING, Role.SECURITY}
    for department in sorted(inspecting):  # a card per department, linking to its visits
        counts[f"pre_inspections:{department}"] = handover_selectors.pre_inspections_due({department})
    if Role.ENGINEERING in roles:
        counts["rectifications"] = RectificationItem.objects.filter(status=RectificationItem.Status.OPEN)
        counts["rectifications_overdue"] = RectificationItem.objects.filter(
            status=RectificationItem.Status.OPEN, overdue_flagged_on__isnull=False
        )
        counts["rounds"] = MeterRound.objects.filter(status=MeterRound.Status.OPEN)
    if Role.BUSINESS in roles:
        counts["credit_reviews"] = CreditReview.objects.filter(status=CreditReview.Status.OPEN)
    for department in ReviewStep.Department.values:
        if department in roles:
            counts[f"review:{department}"] = ReviewStep.objects.filter(
                department=department,
                status=ReviewStep.Status.OPEN,
                application__status=Application.Status.IN_REVIEW,
            )
    return counts


def assigned_cards(counts: Mapping[str, Any]) -> list[dict]:
    """A card for each count ``assigned_counts`` gave, linking to the list that shows those rows."""
    tickets = reverse("servicedesk:ticket-list")
    cards = {
        "tickets": (_("My open tickets"), f"{tickets}?mine=open", "person-check"),
        "rectifications": (_("Rectifications to fix"), reverse("handover:rectification-list"), "wrench"),
        "rectifications_overdue": (
            _("Rectifications overdue"),
            reverse("handover:rectification-list") + "?overdue=1",
            "alarm",
        ),
        "rounds": (
            _("Open meter-reading rounds"),
            reverse("handover:round-list") + f"?status={MeterRound.Status.OPEN}",
            "speedometer",
        ),
        "credit_reviews": (
            _("Credit reviews after a grade drop"),
            reverse("tenancy:credit-review-list"),
            "graph-down-arrow",
        ),
    }
    for inspecting in PreInspection.Department.values:
        cards[f"pre_inspections:{inspecting}"] = (
            _("Pre-inspections due"),
            reverse("handover:visit-list") + f"?pre_inspection={inspecting}",
            "clipboard-check",
        )
    for department in ReviewStep.Department:
        cards[f"review:{department.value}"] = (
            _("Reviews waiting: %(d)s") % {"d": department.label},
            reverse("intake:queue", args=[department.value]),
            "inbox",
        )
    return [
        {"label": label, "value": counts[key], "url": url, "icon": icon}
        for key, (label, url, icon) in cards.items()
        if key in counts
    ]


ASSIGNED = Section(
    _("Assigned to me"),
    assigned_counts,
    assigned_cards,
    personal=True,
    scopes={
        "tickets": by_building("building"),
        "pre_inspections": by_building("visit__unit__building"),
        "rectifications": by_building("visit__unit__building"),
        "rectifications_overdue": by_building("visit__unit__building"),
        "rounds": by_building("building"),
        "credit_reviews": by_tenant("tenant"),
        "review": by_application("application"),
    },
)


def count_all(querysets: Mapping[str, QuerySet]) -> dict[str, Any]:
    """How many rows each queryset has, all in one statement.

    Each count is a scalar subquery of its own: PostgreSQL flattens a plain one into an (index-only) count of
    its table, so one statement costs what the separate counts would, without a round trip each. A queryset
    that selects one field and counts its rows as ``n`` (``values(field).annotate(n=Count("pk"))``) is counted
    per value of that field, so one subquery answers a card per status: its count is ``{value: n}``.
    """
    return _count_compiled({name: _compiled(queryset) for name, queryset in querysets.items()})


def _count_compiled(parts: Mapping[str, tuple[str, tuple[Any, ...]]]) -> dict[str, Any]:
    if not parts:
        return {}
    # Only Django-compiled SQL is joined here; every value stays a parameter.
    sql = "SELECT " + ", ".join(part for part, _params in parts.values())
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _sql, params in parts.values() for param in params])
        row = cursor.fetchone()
    return dict(zip(parts, row, strict=True))


def _compiled(queryset: QuerySet) -> tuple[str, tuple[Any, ...]]:
    """The scalar subquery that counts the queryset: a number, or ``{value: n}`` for a grouped one."""
    queryset = queryset.order_by()
    query = queryset.query
    if len(query.values_select) == 1 and "n" in query.annotations:
        sql, params = query.sql_with_params()
        grouped = f"(SELECT COALESCE(json_object_agg(k, n), '{{}}') FROM ({sql}) AS counted(k, n))"  # noqa: S608
        return grouped, params
    # Unless it already selects its own columns, only the key is selected.
    sql, params = (query if query.values_select else queryset.values("pk").query).sql_with_params()
    return f"(SELECT COUNT(*) FROM ({sql}) AS counted)", params  # noqa: S608 - Django-compiled SQL


def scoped_counts(section: Section, querysets: Mapping[str, QuerySet], user: Any) -> dict[str, QuerySet]:
    """Each count limited to the user's buildings by its section's declared scope (none declared: refused)."""
    found = {}
    for name, queryset in querysets.items():
        scoper = section.scopes.get(name.split(":")[0])
        if scoper is None:
            raise ImproperlyConfigured(f"Dashboard count {name!r} of {section.title} declares no scope.")
        found[name] = scoper(queryset, user)
    return found


@cache
def _fixed_parts(counts: Callable[[], Mapping[str, QuerySet]]) -> dict[str, tuple[str, tuple[Any, ...]]]:
    return {name: _compiled(queryset) for name, queryset in counts().items()}


def _parts(section: Section, user: AnyUser | None = None) -> dict[str, tuple[str, tuple[Any, ...]]]:
    everything = building_ids(user) is None
    if section.fixed and everything:
        return _fixed_parts(section.counts)
    querysets = section.counts(user) if section.personal else section.counts()
    if not everything:
        querysets = scoped_counts(section, querysets, user)
    return {name: _compiled(queryset) for name, queryset in querysets.items()}


def section_cards(sections: list[Section], user: AnyUser | None = None) -> list[dict]:
    """Each section's title and cards, its counts taken with every other section's in one statement."""
    wanted = [_parts(section, user) for section in sections]
    counts = _count_compiled(
        {f"{i}:{name}": part for i, parts in enumerate(wanted) for name, part in parts.items()}
    )
    return [
        {"title": section.title, "cards": section.cards({name: counts[f"{i}:{name}"] for name in wanted[i]})}
        for i, section in enumerate(sections)
    ]


def home(request: HttpRequest) -> HttpResponse:
    """Staff land on the dashboard, tenants on their portal, everyone else on the login page."""
    if not request.user.is_authenticated:
        return redirect("login")
    if not request.user.is_staff:
        return redirect("portal:home")
    return dashboard(request)


def may_follow(card: Mapping[str, Any], roles: frozenset[str]) -> bool:
    """Whether the user's roles open the card's link: the page's roles, and those the card names (a review
    queue is its department's); a count the user may not open is shown without a link."""
    try:
        view = resolve(card["url"].split("?")[0]).func
    except Resolver404:
        return False
    allowed = set(getattr(view, "allowed_roles", ALL_STAFF)) & set(card.get("roles", ALL_STAFF))
    return bool(roles & allowed)


@role_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    """All staff roles; each sees the sections of its work."""
    roles = user_roles(request.user)
    shown = [ASSIGNED, *(section for section in SECTIONS if roles & set(section.roles))]
    sections = section_cards(shown, request.user)
    cards = [card for section in sections for card in section["cards"]]
    for card in cards:
        if card["url"] and not may_follow(card, roles):
            card["url"] = ""
    # From 1 November management is told when next year's working-day calendar is still missing.
    warning = calendar_warning(timezone.localdate()) if Role.MANAGEMENT in roles else ""
    context = {"sections": sections, "cards": cards, "calendar_warning": warning}
    return render(request, "dashboard.html", context)
