"""Who may open which document: one rule for staff, one for the tenant, and the abilities removal needs.

Documents know no roles (they are the ground floor). The apps that own the roles and the records say, in
their ``AppConfig.ready()``, which roles may download which documents (``download_rule_register``) and who
may ask for and confirm a removal (``ability_register``); ``download_rules()`` lists every rule in one place.

Staff downloads: confidential documents need ``tenancy.view_confidential``, archived dossiers the archive
right, a removal waiting in quarantine the right to confirm it, and each registered rule limits the documents
it governs to the roles it names. A registered grant (``download_grant_register``) opens, to the users it
admits, documents the confidential and archive checks would close (the reviewers of an application its
licence; finance an archived tenant's closing bills); the per-kind rules and quarantine still apply. Every
staff condition is limited to the documents of the user's buildings (``documents.scoping``). Tenants download
only what is visible to their own tenant.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.module_loading import import_string

from .actors import AnyUser
from .models import Document
from .scoping import document_scope_q

CONFIDENTIAL_PERMISSION = "tenancy.view_confidential"

# Abilities the higher apps grant: asking to remove a wrongly filed upload, and confirming (or refusing) it.
REMOVAL_REQUEST = "removal_request"
REMOVAL_CONFIRM = "removal_confirm"


@dataclass(frozen=True)
class DownloadRule:
    """Of the documents ``scope`` selects, a user may download those ``allowed(user)`` answers: ``True`` all,
    ``False`` none, a ``Q`` the ones it matches."""

    name: str
    scope: Q
    allowed: Callable[[Any], "bool | Q"]


_rules: dict[str, DownloadRule] = {}
_grants: dict[str, DownloadRule] = {}
_abilities: dict[str, Callable[[Any], bool]] = {}


def download_rule_register(*, name: str, scope: Q, allowed: Callable[[Any], "bool | Q"]) -> None:
    """Limit the documents ``scope`` selects to the users ``allowed`` admits (registering again replaces)."""
    _rules[name] = DownloadRule(name=name, scope=scope, allowed=allowed)


def download_rules() -> list[DownloadRule]:
    """Every registered per-kind (or per-record) download rule, by name."""
    return sorted(_rules.values(), key=lambda rule: rule.name)


def download_grant_register(*, name: str, scope: Q, allowed: Callable[[Any], "bool | Q"]) -> None:
    """Open the documents ``scope`` selects to the users ``allowed`` admits even when confidential or
    archived (registering again replaces)."""
    _grants[name] = DownloadRule(name=name, scope=scope, allowed=allowed)


def download_grants() -> list[DownloadRule]:
    """Every registered grant, by name."""
    return sorted(_grants.values(), key=lambda grant: grant.name)


def ability_register(name: str, check: Callable[[Any], bool]) -> None:
    _abilities[name] = check


def user_may(name: str, user: AnyUser) -> bool:
    """Whether the user has the ability; nobody has one no app granted."""
    check = _abilities.get(name)
    return bool(user.is_authenticated and user.is_active and check is not None and check(user))


def may_see_archive(user: AnyUser) -> bool:
    """Whether the user may see archived dossiers (the check tenancy defines, named in settings)."""
    return bool(import_string(settings.DOCUMENT_ARCHIVE_ACCESS)(user))


def staff_download_q(user: AnyUser) -> Q | None:
    """The documents this staff user may download, as a condition (None: the user is no active staff)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    closed = Q()
    if not user.has_perm(CONFIDENTIAL_PERMISSION):
        closed &= Q(confidential=False)
    if not may_see_archive(user):
        closed &= Q(tenant__dossier_archive__isnull=True)
    condition = closed if not closed else closed | _granted_q(user)
    if not user_may(REMOVAL_CONFIRM, user):
        condition &= Q(quarantined_at__isnull=True) | Q(removed_at__isnull=False)
    for rule in _rules.values():
        allowed = rule.allowed(user)
        if allowed is True:
            continue
        condition &= ~rule.scope if allowed is False else (~rule.scope | (rule.scope & allowed))
    # Only the documents of the user's buildings (``documents.scoping``): another building's is a 404.
    return condition & document_scope_q(user)


def _granted_q(user: AnyUser) -> Q:
    """The documents the grants open to this user (a condition matching nothing when none does)."""
    granted = Q(pk__in=[])
    for grant in _grants.values():
        allowed = grant.allowed(user)
        if allowed is True:
            granted |= grant.scope
        elif allowed is not False:
            granted |= grant.scope & allowed
    return granted


def staff_downloadable(*, user: AnyUser, documents: QuerySet[Document]) -> QuerySet[Document]:
    """Of these documents, those the staff user may download (none for anyone else)."""
    condition = staff_download_q(user)
    return documents.none() if condition is None else documents.filter(condition)


def staff_downloadable_ids(*, user: AnyUser, ids: list[int]) -> set[int]:
    """Which of these document ids the staff user may download, in one query (for pages listing links)."""
    if not ids:
        return set()
    allowed = staff_downloadable(user=user, documents=Document.objects.filter(pk__in=ids))
    return set(allowed.values_list("pk", flat=True))


def document_may_download(*, document: Document, user: AnyUser) -> bool:
    """Staff: by the rules above. A tenant's user never here: the portal serves its own documents."""
    return staff_downloadable(user=user, documents=Document.objects.filter(pk=document.pk)).exists()


def tenant_downloadable(*, tenant_id: int, documents: QuerySet[Document]) -> QuerySet[Document]:
    """Of these documents, those the tenant may download: its own, visible to it, not removed or held back."""
    return documents.filter(
        tenant_id=tenant_id, visible_to_tenant=True, removed_at__isnull=True, quarantined_at__isnull=True
    )
