"""Who may use which page: staff roles for the back office, tenant scoping for the portal.

Every staff view is wrapped in ``role_required(...)`` naming the roles that may use it; every portal view in
``portal_view``, and every portal query goes through ``for_tenant`` so that another tenant's object is a 404.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from documents.actors import AnyUser, AuthenticatedRequest

from .models import Tenant, TenantMembership
from .portal_roles import PORTAL_EVERYONE
from .roles import ALL_STAFF, CONFIDENTIAL_PERMISSION, Role

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponseBase]  # a page, a redirect or a streamed file


class PortalRequest(AuthenticatedRequest):
    """The request of a ``portal_view``: a portal account's, ``tenant`` being the tenant it acts for."""

    tenant: Tenant


def user_roles(user: AnyUser | None) -> frozenset[str]:
    """The staff roles of a user (group names), read once per request; nobody (``None``) has none."""
    if user is None or not user.is_authenticated or not user.is_staff:
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_role_cache", None)
    if cached is None:
        if user.is_superuser:
            cached = frozenset(ALL_STAFF)
        else:
            cached = frozenset(user.groups.filter(name__in=ALL_STAFF).values_list("name", flat=True))
        user._role_cache = cached  # type: ignore[attr-defined]  # kept on the user object for the request
    return cached


def has_role(user: AnyUser | None, roles: Iterable[str]) -> bool:
    return bool(user_roles(user) & set(roles))


def require_role(
    user: AnyUser | None, roles: Iterable[str], message: str | None = None, *, allow_system: bool = False
) -> None:
    """The one role check services make with the acting user: views check the same roles, services check
    again, so a command, a task or the API cannot bypass them.

    Refuses with ``PermissionDenied`` (a 403 on a page, a structured 403 in the API) carrying ``message`` or a
    general translated reason. Nobody (``None``) holds a role: only a service that the clock also runs on its
    own says so at its call (``allow_system=True``), and then ``None`` stands for that task.
    """
    if user is None and allow_system:
        return
    if not has_role(user, roles):
        raise PermissionDenied(message or _("Your role may not do this."))


def can_see_confidential(user: AnyUser) -> bool:
    """Supervisors (management) and anyone granted the permission see ID numbers and licence scans."""
    return bool(user.is_authenticated and user.is_staff and user.has_perm(CONFIDENTIAL_PERMISSION))


def can_see_archive(user: AnyUser) -> bool:
    """Archived tenants' dossiers and documents are seen only by the front desk, legal and management.

    The front desk keeps the paper and electronic archive, legal needs past files for disputes, management
    supervises; other departments see only live tenants' documents.
    """
    return has_role(user, (Role.FRONT_DESK, Role.LEGAL, Role.MANAGEMENT))


def role_required(*roles: str) -> Callable[[View], View]:
    """Staff view usable only by the given roles; others get 403, anonymous users the login page."""
    allowed = frozenset(roles or ALL_STAFF)

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_role(request.user, allowed):
                raise PermissionDenied(_("Your role may not use this page."))
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = allowed  # type: ignore[attr-defined]
        return wrapper

    return decorator


def portal_tenant(request: HttpRequest) -> Any:
    """The tenant the logged-in portal user acts for; 404 for anyone without a portal account."""
    user: AnyUser = request.user
    if not user.is_authenticated or user.is_staff:
        raise Http404
    if not TenantMembership.tenant_membership_cached(user):
        # The account and its tenant in one query, kept on the user for the rest of the request.
        membership = TenantMembership.objects.select_related("tenant").filter(user=user).first()
        if membership is None:
            raise Http404
        user.tenant_membership = membership
    return user.tenant_membership.tenant


def portal_role(user: AnyUser) -> str:
    """The tenant role of a portal user ("" for staff and anyone without a portal account)."""
    membership = getattr(user, "tenant_membership", None) if user.is_authenticated else None
    return "" if membership is None or user.is_staff else membership.role


def portal_role_check(user: AnyUser | None, roles: Iterable[str]) -> None:
    """A service acting for a portal user refuses what the user's tenant role may not do (staff pass)."""
    if user is not None and not user.is_staff and portal_role(user) not in set(roles):
        raise PermissionDenied(_("Your role at your company may not do this. Ask your portal administrator."))


def portal_view(view: View | None = None, *, roles: Iterable[str] = PORTAL_EVERYONE) -> Any:
    """Portal view: login required, ``request.tenant`` set to the user's tenant, usable by the tenant roles
    named (everyone by default); another role gets 403 with the reason.

    Used bare (``@portal_view``) or with roles (``@portal_view(roles=BILLING_ACTORS)``).
    """
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @login_required(login_url="portal:login")
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            request.tenant = portal_tenant(request)  # type: ignore[attr-defined]
            if request.user.tenant_membership.role not in allowed:  # type: ignore[union-attr]
                raise PermissionDenied(_("Your role at your company may not use this page."))
            return view(request, *args, **kwargs)

        wrapper.portal_roles = allowed  # type: ignore[attr-defined]
        return wrapper

    return decorator if view is None else decorator(view)


def for_tenant(request: HttpRequest, queryset: QuerySet[M], path: str = "tenant") -> QuerySet[M]:
    """Scope a portal query to the user's tenant: the only way portal views read data."""
    return queryset.filter(**{path: portal_tenant(request)})
