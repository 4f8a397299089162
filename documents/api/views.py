"""Base views: a staff view names its scope and the path to a building (keys limited to some buildings see
only those); a tenant view starts every query from the token's tenant, so another tenant's object is 404."""

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404
from rest_framework.request import Request

from .permissions import IsTenantToken, KeyHasScope, TokenPortalRole, api_key, tenant_token


def key_buildings(request: Request) -> list[int]:
    """The buildings the calling key may see ([] means all)."""
    key = api_key(request)
    return list(key.building_ids) if key is not None else []


def building_scoped(request: Request, queryset: QuerySet, path: str | None) -> QuerySet:
    """Limit a query to the key's buildings, following ``path`` (e.g. ``lease__building``) to one; rows
    reached through several leases come once."""
    buildings = key_buildings(request)
    if not buildings or path is None:
        return queryset
    if "__" not in path:
        return queryset.filter(**{f"{path}__in": buildings})
    inside = queryset.model.objects.filter(**{f"{path}__in": buildings}).values("pk")
    return queryset.filter(pk__in=inside)


class StaffApiMixin:
    """For views a staff key calls: ``required_scope``, and ``building_path`` (None: tied to no building)."""

    permission_classes = [KeyHasScope]
    required_scope: str = ""
    building_path: str | None = "building"
    request: Request

    def scoped(self, queryset: QuerySet) -> QuerySet:
        return building_scoped(self.request, queryset, self.building_path)


def request_tenant(request: Request) -> Any:
    """The tenant of the calling portal user (404 for anyone else, as in the portal)."""
    token = tenant_token(request)
    membership = getattr(token.user, "tenant_membership", None) if token is not None else None
    if membership is None:
        raise Http404
    return membership.tenant


class TenantApiMixin:
    """For views a tenant token calls: ``tenant_path`` leads from the rows to their tenant; ``portal_roles``
    (and ``portal_write_roles`` for writes, when they differ) name the portal roles that may call it, as the
    portal page of the same thing names them (none named: no token may)."""

    permission_classes = [IsTenantToken, TokenPortalRole]
    tenant_path: str = "tenant"
    portal_roles: tuple[str, ...] = ()
    portal_write_roles: tuple[str, ...] = ()
    request: Request

    def for_tenant(self, queryset: QuerySet) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # the schema is drawn without a request's tenant
            return queryset.none()
        return queryset.filter(**{self.tenant_path: request_tenant(self.request)})


def get_or_404(queryset: QuerySet, **lookup: Any) -> Model:
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj
