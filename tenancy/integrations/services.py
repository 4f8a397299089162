"""Management's verbs for the API: create and revoke staff keys. Each checks the acting user is management
and runs in one transaction.

A key acts through a user of its own: no password (it never logs in), inactive (never offered as an assignee),
in the department groups its write scopes stand for, so the services' role checks apply to it as to a clerk.
"""

from datetime import date
from typing import Any

import pghistory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.api.secrets import KEY_TAG, secret_new
from documents.errors import DomainError
from documents.models import ApiKey, Scope
from documents.models.api import secret_hash

from ..access import require_role
from ..roles import Role
from ..scope import building_ids as scope_building_ids

KEY_MANAGERS: tuple[str, ...] = (Role.MANAGEMENT,)
# The department a write scope stands for: the services check that role, as for a person at the desk.
SCOPE_ROLES: dict[str, str] = {
    Scope.PAYMENTS_WRITE: Role.FINANCE,
    Scope.TICKETS_WRITE: Role.FRONT_DESK,
    Scope.METERS_WRITE: Role.ENGINEERING,
}


def require_manager(by: User) -> None:
    require_role(by, KEY_MANAGERS, _("Only management keeps the API keys and webhooks."))


def _key_user(prefix: str, name: str, scopes: list[str]) -> Any:
    user = get_user_model()(username=f"api-{prefix}", first_name=name[:150], is_staff=True, is_active=False)
    user.set_unusable_password()
    user.save()
    roles = {SCOPE_ROLES[scope] for scope in scopes if scope in SCOPE_ROLES}
    # The groups come with a migration; get_or_create keeps a key working on a database emptied since.
    user.groups.set([Group.objects.get_or_create(name=role)[0] for role in sorted(roles)])
    return user


def _check_key_buildings(by: User, building_ids: list[int]) -> None:
    allowed = scope_building_ids(by)
    if allowed is None:
        return
    if not building_ids:
        raise DomainError(_("Choose the buildings of your office the key may see."), field="buildings")
    if not set(building_ids) <= allowed:
        raise DomainError(_("A key sees only buildings of your office."), field="buildings")


@transaction.atomic
def api_key_create(
    *, name: str, scopes: list[str], building_ids: list[int], expires_on: date | None, by: User
) -> tuple[ApiKey, str]:
    """A new key (returned once in clear, kept hashed): a name, at least one scope, its buildings (none:
    all), an expiry not in the past. An office's manager gives a key only the office's buildings (a key of
    every building is head office's)."""
    require_manager(by)
    _check_key_buildings(by, building_ids)
    name = name.strip()
    if not name:
        raise DomainError(_("Name the key after the system that will use it."), field="name")
    unknown = set(scopes) - set(Scope.values)
    if not scopes or unknown:
        raise DomainError(_("Choose what the key may do."), field="scopes")
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError(_("The expiry date has passed."), field="expires_on")
    prefix, raw = secret_new(KEY_TAG)
    with pghistory.context(user=by.pk):
        key = ApiKey.objects.create(
            name=name,
            prefix=prefix,
            key_hash=secret_hash(raw),
            scopes=sorted(set(scopes)),
            building_ids=sorted(set(building_ids)),
            expires_on=expires_on,
            user=_key_user(prefix, name, scopes),
            created_by=by,
        )
    return key, raw


@transaction.atomic
def api_key_revoke(*, key: ApiKey, by: User) -> ApiKey:
    """Revoke a key: from now on every call with it is refused (401, "revoked")."""
    require_manager(by)
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is not None:
        raise DomainError(_("This key is revoked already."))
    key.revoked_at, key.revoked_by = timezone.now(), by
    key.save(update_fields=["revoked_at", "revoked_by"])
    return key
