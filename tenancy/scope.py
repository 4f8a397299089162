"""Building scope: a staff user sees only the buildings of their management offices.

Roles say what a staff member may do, offices in which buildings (``tenancy.models.offices``). Every staff
query of an object tied to a building goes through ``scope`` (or ``scoped_or_404`` for one object, so that
another building's object is a 404, never a 403), and every query of tenants through ``tenant_scope``. Head-
office staff and superusers see everything (``building_ids`` is ``None``); a staff user in no office, or
in offices running no building, sees nothing (an empty set), and ``scope_problem`` says why on the page.

Tenancy may not import leasing: buildings are reached through lookups (``leases__building``) and through the
reverse relation ``ManagementOffice.buildings``.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Application, ManagementOffice, Tenant

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class OfficeScope:
    """What a staff user's offices give them: every building (``ids`` None), or these buildings."""

    ids: frozenset[int] | None
    in_office: bool = True
    # The names and codes of the buildings, which intake applications use to name the building wanted.
    names: frozenset[str] = frozenset()
    # The offices the user belongs to (empty for head office: it sees all).
    offices: frozenset[int] = frozenset()


# Matches no row, yet compiles to SQL (unlike ``.none()`` or ``pk__in=[]``), so a page that compiles a query
# to run it later (the dashboard's counts in one statement) still can.
NO_ROW = Q(pk__isnull=True)

EVERYTHING = OfficeScope(ids=None)
NOTHING = OfficeScope(ids=frozenset(), in_office=False)


def office_scope(user: Any) -> OfficeScope:
    """The user's scope, read in one query and kept on the user object for the rest of the request.

    ``None`` as the user is the system (tasks, commands): it sees everything. A user who is not staff (a
    portal user, anonymous) has no staff scope at all.
    """
    if user is None:
        return EVERYTHING
    if not user.is_authenticated or not user.is_staff:
        return NOTHING
    cached = getattr(user, "_office_scope_cache", None)
    if cached is None:
        cached = EVERYTHING if user.is_superuser else _read_scope(user)
        user._office_scope_cache = cached
    return cached


def _read_scope(user: Any) -> OfficeScope:
    rows = list(
        ManagementOffice.objects.filter(members__user=user).values_list(
            "pk", "is_head_office", "buildings__id", "buildings__name", "buildings__code"
        )
    )
    if any(head for _office, head, *_rest in rows):
        return EVERYTHING
    ids = frozenset(pk for _office, _head, pk, _name, _code in rows if pk is not None)
    names = frozenset(
        text for _office, _head, pk, name, code in rows if pk is not None for text in (name, code) if text
    )
    offices = frozenset(office for office, *_rest in rows)
    return OfficeScope(ids=ids, in_office=bool(rows), names=names, offices=offices)


def building_ids(user: Any) -> frozenset[int] | None:
    """The ids of the buildings the staff user's offices run; ``None`` means all (head office, superusers).

    A staff user in no office, or whose offices run no building, gets an empty set: they see nothing.
    """
    return office_scope(user).ids


def home_office_id(user: Any) -> int | None:
    """The office a staff user belongs to, when exactly one (not head office): what they create, such as a
    building, runs under it, so they see it afterwards. None for head office, several offices or none."""
    offices = office_scope(user).offices
    return next(iter(offices)) if len(offices) == 1 else None


def scope_problem(user: Any) -> str:
    """Why a staff user sees no building at all, in words for the page ("" when they see some)."""
    found = office_scope(user)
    if found.ids is None or found.ids or not (user.is_authenticated and user.is_staff):
        return ""
    if not found.in_office:
        return _(
            "You belong to no management office, so no building's records are shown. "
            "Ask management to add you to your office."
        )
    return _(
        "Your management office runs no building yet, so no building's records are shown. "
        "Ask management to assign the office its buildings."
    )


def fans_out(model: type[Model], path: str) -> bool:
    """Whether following ``path`` from ``model`` may reach several rows (a reverse or many-to-many step)."""
    current: Any = model
    for part in path.split("__") if path else []:
        if part == "pk":
            return False
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist as error:
            raise ValueError(f"{model.__name__}: no field {part!r} in the building path {path!r}") from error
        if field.one_to_many or field.many_to_many:
            return True
        current = field.related_model
    return False


def scope(qs: QuerySet[M], user: Any, path: str) -> QuerySet[M]:
    """``qs`` limited to rows whose building, reached by the lookup ``path`` (``"unit__building"``; ``""``
    or ``"pk"`` for buildings themselves), is one of the user's; unchanged for head office.

    Where the path fans out (a lease's units), the rows are matched by a ``pk__in`` subquery rather than
    ``.distinct()``: each row comes once, and the query keeps its ordering, annotations and aggregates.
    """
    ids = building_ids(user)
    if ids is None:
        return qs
    if not ids:
        return qs.filter(NO_ROW)
    lookup = {f"{path}__in" if path and path != "pk" else "pk__in": ids}
    if not fans_out(qs.model, path):
        return qs.filter(**lookup)
    return qs.filter(pk__in=qs.model._base_manager.filter(**lookup).values("pk"))


def scoped_or_404(qs: QuerySet[M], user: Any, path: str, **lookup: Any) -> M:
    """The one object ``lookup`` names among the user's buildings; another building's object is a 404."""
    return get_object_or_404(scope(qs, user, path), **lookup)


def require_building(user: Any, building_id: int | None) -> None:
    """A service acting for a staff user refuses a building of another office (the pages 404 before it gets
    here; this keeps a command, a task or the API from going around them). The system (``None``) and portal
    users, whose own rules apply, pass."""
    if user is None or not user.is_staff:
        return
    ids = building_ids(user)
    if ids is not None and building_id not in ids:
        raise PermissionDenied(_("This building is run by another management office."))


def tenant_condition(user: Any, path_to_tenant: str = "") -> Q | None:
    """The condition for the tenants the user sees, from rows reached by ``path_to_tenant`` (None: all).

    An office sees a tenant who has (or had) a lease in one of its buildings, or applied for one of them; a
    prospect tied to no building yet (no lease, no application naming a known building) is seen by every
    office. A tenant renting in two buildings is seen by both offices, each seeing only its own leases.
    """
    found = office_scope(user)
    if found.ids is None:
        return None
    if not found.ids:
        return NO_ROW
    visible = Tenant.objects.filter(
        Q(Exists(_leases_in(found.ids)))
        | Q(Exists(Application.objects.filter(tenant=OuterRef("pk"), building__in=found.names)))
        | (~Q(Exists(_leases_in(None))) & ~Q(Exists(_applications_naming_known_buildings())))
    )
    prefix = f"{path_to_tenant}__" if path_to_tenant else ""
    return Q(**{f"{prefix}pk__in": visible.values("pk")})


def _leases_in(ids: frozenset[int] | None) -> QuerySet[Any]:
    """The outer tenant's leases (in these buildings): leasing's model, found through ``Tenant.leases``."""
    lease_model: Any = Tenant._meta.get_field("leases").related_model
    leases = lease_model.objects.filter(tenant=OuterRef("pk"))
    return leases if ids is None else leases.filter(building__in=ids)


def _applications_naming_known_buildings() -> QuerySet[Application]:
    return Application.objects.filter(tenant=OuterRef("pk")).filter(known_building_named())


def known_building_named(path: str = "building") -> Q:
    """Applications naming (by name or code) a building some office runs."""
    offices = ManagementOffice.objects.filter(buildings__isnull=False)
    return Q(**{f"{path}__in": offices.values("buildings__name")}) | Q(
        **{f"{path}__in": offices.values("buildings__code")}
    )


def tenant_scope(qs: QuerySet[M], user: Any, path_to_tenant: str = "") -> QuerySet[M]:
    """``qs`` limited to rows whose tenant (``path_to_tenant``; ``""`` for tenants themselves) the user sees
    (see ``tenant_condition``); unchanged for head office."""
    condition = tenant_condition(user, path_to_tenant)
    return qs if condition is None else qs.filter(condition)


def application_scope(qs: QuerySet[M], user: Any, path_to_application: str = "") -> QuerySet[M]:
    """Intake applications (or rows reached from them by ``path_to_application``) the user sees: those naming
    one of the user's buildings, and those naming no building an office runs (the front desk of every office
    may have to route them); all for head office."""
    found = office_scope(user)
    if found.ids is None:
        return qs
    if not found.ids:
        return qs.filter(NO_ROW)
    field = f"{path_to_application}__building" if path_to_application else "building"
    return qs.filter(Q(**{f"{field}__in": found.names}) | ~known_building_named(field))


def document_tenants(user: Any) -> Q | None:
    """For ``documents.scoping``: the documents whose tenant the user sees (None: all)."""
    return tenant_condition(user, "tenant")


def document_applications(user: Any) -> QuerySet[Application] | None:
    """For ``documents.scoping``: the applications whose documents the user sees (None: all)."""
    if building_ids(user) is None:
        return None
    return application_scope(Application.objects.all(), user).values("pk")


def colleagues(user: Any) -> QuerySet[Any] | None:
    """The staff of the user's offices, the user included (None for head office: everyone)."""
    found = office_scope(user)
    if found.ids is None:
        return None
    users = get_user_model().objects.filter(Q(pk=user.pk) | Q(staff_offices__office__in=found.offices))
    return users.values("pk")


def register() -> None:
    """Tell documents which of its documents each user's offices see (from ``TenancyConfig.ready``)."""
    from documents.scoping import colleagues_register, record_scope_register, tenant_scope_register

    tenant_scope_register(document_tenants)
    record_scope_register(app_label="tenancy", model="application", ids=document_applications)
    colleagues_register(colleagues)
