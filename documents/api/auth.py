"""Who calls: ``Authorization: Bearer <secret>``, a staff integration's key or a portal user's token.

A revoked or expired key, or the token of a deactivated portal account, is refused with the reason. Each call
is attributed in the audit history to the key (its own user) or to the portal user, with the key or token.
"""

from typing import Any

import pghistory
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from ..models import ApiKey, TenantToken
from .secrets import KEY_TAG, key_find, last_use_record, token_find


def _secret(request: Request) -> str | None:
    parts = get_authorization_header(request).split()
    if not parts or parts[0].lower() != b"bearer":
        return None
    if len(parts) != 2:
        raise exceptions.AuthenticationFailed(_("Send the key as: Authorization: Bearer <key>."))
    try:
        return parts[1].decode("ascii")
    except UnicodeDecodeError as exc:
        raise exceptions.AuthenticationFailed(_("This key is not valid.")) from exc


def _key_user(key: ApiKey) -> Any:
    if key.revoked_at is not None:
        raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
    if not key.usable():
        raise exceptions.AuthenticationFailed(_("This API key has expired."))
    return key.user


def _token_user(token: TenantToken) -> Any:
    if token.revoked_at is not None or token.expires_at <= timezone.now():
        raise exceptions.AuthenticationFailed(_("This token has expired; log in again."))
    membership = getattr(token.user, "tenant_membership", None)
    if not token.user.is_active or membership is None or membership.deactivated_at is not None:
        raise exceptions.AuthenticationFailed(_("This portal account is no longer active."))
    return token.user


class BearerAuthentication(BaseAuthentication):
    """Staff API keys (``bok_...``) and tenant tokens (``bot_...``), both sent as a bearer secret."""

    def authenticate(self, request: Request) -> tuple[Any, ApiKey | TenantToken] | None:
        raw = _secret(request)
        if raw is None:
            return None
        if raw.startswith(KEY_TAG + "_"):
            key = key_find(raw)
            if key is None:
                raise exceptions.AuthenticationFailed(_("This key is not valid."))
            user = _key_user(key)
            last_use_record(key)
            pghistory.context(api_key=key.pk, api_key_name=key.name)
            return user, key
        token = token_find(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This key is not valid."))
        user = _token_user(token)
        last_use_record(token)
        pghistory.context(api_token=token.pk)
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "documents.api.auth.BearerAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer"}
