"""Making and finding API keys and tenant tokens: ``<prefix>.<secret>``, the prefix looked up, the whole
compared by hash in constant time."""

import hmac
import secrets as _random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ..actors import User
from ..models.api import ApiKey, TenantToken, secret_hash

# A key's or token's prefix is shown in lists so that people can tell them apart; the secret never is.
KEY_TAG = "bok"
TOKEN_TAG = "bot"  # noqa: S105 (a label, not a secret)


def secret_new(tag: str) -> tuple[str, str]:
    """A fresh (prefix, raw secret): 40 random bytes behind a short public prefix."""
    prefix = f"{tag}_{_random.token_hex(5)}"
    return prefix, f"{prefix}.{_random.token_urlsafe(40)}"


def _split(raw: str) -> str | None:
    prefix, dot, rest = raw.partition(".")
    return prefix if dot and rest and len(prefix) <= 16 else None


def key_find(raw: str) -> ApiKey | None:
    """The key this secret belongs to (revoked or expired ones too: the caller says why it refuses)."""
    prefix = _split(raw)
    if prefix is None or not prefix.startswith(KEY_TAG + "_"):
        return None
    key = ApiKey.objects.select_related("user").filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.key_hash, secret_hash(raw)):
        return None
    return key


def token_find(raw: str) -> TenantToken | None:
    """The tenant token this secret belongs to (revoked or expired ones too)."""
    prefix = _split(raw)
    if prefix is None or not prefix.startswith(TOKEN_TAG + "_"):
        return None
    token = (
        TenantToken.objects.select_related("user", "user__tenant_membership").filter(prefix=prefix).first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, secret_hash(raw)):
        return None
    return token


def token_issue(*, user: User) -> tuple[TenantToken, str]:
    """A new token for a portal user (after its password and second factor were checked by the caller)."""
    prefix, raw = secret_new(TOKEN_TAG)
    token = TenantToken.objects.create(
        user=user,
        prefix=prefix,
        key_hash=secret_hash(raw),
        expires_at=timezone.now() + timedelta(days=settings.API_TENANT_TOKEN_DAYS),
    )
    return token, raw


def last_use_record(obj: ApiKey | TenantToken) -> None:
    """Keep when a key or token was last used, writing at most once a minute per key (not on every call)."""
    now = timezone.now()
    if obj.last_used_at is not None and now - obj.last_used_at < timedelta(minutes=1):
        return
    type(obj).objects.filter(pk=obj.pk).update(last_used_at=now)
    obj.last_used_at = now
