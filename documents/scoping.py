"""Building scope for documents: which documents a staff user's management offices may see.

Documents are the ground floor and know neither offices nor buildings. Tenancy (which owns offices and
tenants) registers, in its ``AppConfig.ready()``, the condition on a document's tenant; the apps owning the
records documents are about register, per model, the records the user's buildings hold. A document is in
scope when its tenant is (or it has none) and, for a document about a registered kind of record, when the
record is. ``staff_download_q`` (``documents.access``) adds this condition, so every staff list, link and
download of documents is limited to the user's buildings; no registration at all means no limit. Import
batches, which name no building, are seen by the staff of the offices of whoever ran them.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

# user -> a condition on documents (through their ``tenant``), None when the user sees every tenant
TenantCondition = Callable[[Any], Q | None]
# user -> the ids of the records of one model the user sees, None when all
RecordIds = Callable[[Any], QuerySet[Any] | None]

_tenant_conditions: list[TenantCondition] = []
_records: dict[tuple[str, str], RecordIds] = {}
# user -> the ids of the staff whose work (import batches) the user sees, None when everyone's
_colleagues: list[Callable[[Any], QuerySet[Any] | None]] = []


def tenant_scope_register(condition: TenantCondition) -> None:
    """Limit documents of a tenant to the tenants ``condition(user)`` admits (once, however often called)."""
    if condition not in _tenant_conditions:
        _tenant_conditions.append(condition)


def record_scope_register(*, app_label: str, model: str, ids: RecordIds) -> None:
    """Limit documents about records of ``app_label.model`` to the records ``ids(user)`` selects."""
    _records[(app_label, model.lower())] = ids


def registered_record_scopes() -> list[str]:
    """The kinds of record whose documents are scoped, as ``app_label.model`` (for tests and reviewers)."""
    return sorted(f"{app}.{model}" for app, model in _records)


def document_scope_q(user: Any) -> Q:
    """The documents the user's buildings allow, as a condition (``Q()`` for head office)."""
    condition = Q()
    for tenant_condition in _tenant_conditions:
        tenants = tenant_condition(user)
        if tenants is not None:
            condition &= Q(tenant__isnull=True) | tenants
    for (app_label, model), ids in _records.items():
        records = ids(user)
        if records is not None:
            kind = ContentType.objects.get_by_natural_key(app_label, model)  # cached by Django
            condition &= ~Q(about_type_id=kind.pk) | Q(about_id__in=records)
    return condition


def documents_in_scope(qs: QuerySet[Any], user: Any, path: str = "") -> QuerySet[Any]:
    """``qs`` (documents, or rows reaching a document by ``path``) limited to the user's buildings."""
    condition = document_scope_q(user)
    if not condition:
        return qs
    if not path:
        return qs.filter(condition)
    from .models import Document

    return qs.filter(**{f"{path}__in": Document.objects.filter(condition).values("pk")})


def colleagues_register(colleagues: Callable[[Any], QuerySet[Any] | None]) -> None:
    """Limit what staff ran (import batches) to the staff ``colleagues(user)`` selects (once)."""
    if colleagues not in _colleagues:
        _colleagues.append(colleagues)


def run_by_in_scope(qs: QuerySet[Any], user: Any, path: str = "run_by") -> QuerySet[Any]:
    """``qs`` limited to rows run by the user's colleagues (the staff of the user's offices)."""
    for colleagues in _colleagues:
        ids = colleagues(user)
        if ids is not None:
            qs = qs.filter(**{f"{path}__in": ids})
    return qs
