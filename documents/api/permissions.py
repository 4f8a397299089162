"""What a caller may do: a staff key only what its scopes allow, a tenant token only the portal's part."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from ..models import ApiKey, TenantToken


def api_key(request: Request) -> ApiKey | None:
    return request.auth if isinstance(request.auth, ApiKey) else None


def tenant_token(request: Request) -> TenantToken | None:
    return request.auth if isinstance(request.auth, TenantToken) else None


class KeyHasScope(BasePermission):
    """A staff key whose scopes include the view's ``required_scope`` (a tenant token never passes)."""

    message = gettext_lazy("This key lacks the scope this call needs.")

    def has_permission(self, request: Request, view: Any) -> bool:
        key = api_key(request)
        if key is None:
            self.message = _("This call needs a staff API key.")
            return False
        scope = getattr(view, "required_scope", None)
        if scope is None or scope not in key.scopes:
            self.message = _("This key lacks the scope “%(scope)s”.") % {"scope": scope}
            return False
        return True


class IsTenantToken(BasePermission):
    """A portal user's token (a staff key never passes)."""

    message = gettext_lazy("This call needs a tenant token.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return tenant_token(request) is not None


class TokenPortalRole(BasePermission):
    """A tenant token does only what its portal user's role at the tenant may do, as the portal pages do.

    The view names the roles that may read it (``portal_roles``) and, where writing takes more, those that
    may write (``portal_write_roles``); a view that names none refuses every token (documents knows no
    roles: the app that owns the view names them from ``tenancy.portal_roles``).
    """

    message = gettext_lazy("Your role at your company may not do this. Ask your portal administrator.")

    def has_permission(self, request: Request, view: Any) -> bool:
        token = tenant_token(request)
        membership = getattr(token.user, "tenant_membership", None) if token is not None else None
        if membership is None:
            return False
        roles = getattr(view, "portal_roles", ())
        if request.method not in SAFE_METHODS:
            roles = getattr(view, "portal_write_roles", None) or roles
        return membership.role in roles
