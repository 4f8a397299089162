"""Read the audit trail that django-pghistory's triggers write: who changed what on a record, and when."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import pghistory.models
from django.contrib.auth import get_user_model
from django.db.models import DecimalField, Field, Model
from django.utils.translation import gettext_lazy as _

from documents.actors import User

ACTION_LABELS = {
    "insert": _("Created"),
    "update": _("Changed"),
    "delete": _("Deleted"),
    # A manual event of a portal account (tenancy.accounts.services.portal_password_reset_send).
    "password_reset_sent": _("Password reset link sent"),
}
# Bookkeeping columns that change on every save and mean nothing to a reader.
IGNORED_FIELDS = frozenset({"id", "updated_at", "created_at"})


@dataclass
class HistoryEntry:
    when: datetime
    user: User | None
    action: str
    is_insert: bool = False
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)


def object_history(instance: Model) -> list[HistoryEntry]:
    """Every recorded event of ``instance``, newest first, with the acting user and the fields it changed."""
    events = list(pghistory.models.Events.objects.tracks(instance).order_by("pgh_created_at", "pgh_id"))
    users = _users_by_id(events)
    raw: list[tuple[Any, list[tuple[Field, Any, Any]]]] = []
    previous: dict[str, Any] = {}
    for event in events:
        data = event.pgh_data or {}
        raw.append((event, _changes(instance, previous, data, is_insert=event.pgh_label == "insert")))
        previous = data
    related = _related_names(change for _event, changes in raw for change in changes)
    entries = [
        HistoryEntry(
            when=event.pgh_created_at,
            user=users.get(_user_id(event.pgh_context or {})),
            action=str(ACTION_LABELS.get(event.pgh_label, event.pgh_label)),
            is_insert=event.pgh_label == "insert",
            changes=[
                (str(f.verbose_name), _display(f, old, related), _display(f, new, related))
                for f, old, new in changes
            ],
        )
        for event, changes in raw
    ]
    entries.reverse()
    return entries


def _user_id(context: dict) -> int | None:
    value = context.get("user")
    return int(value) if value not in (None, "") else None


def _users_by_id(events: list) -> dict[int, Any]:
    ids = {uid for e in events if (uid := _user_id(e.pgh_context or {})) is not None}
    return get_user_model().objects.in_bulk(ids) if ids else {}


def _changes(instance: Model, before: dict, after: dict, *, is_insert: bool) -> list[tuple[Field, Any, Any]]:
    changes = []
    for model_field in instance._meta.concrete_fields:
        name = model_field.attname
        if name in IGNORED_FIELDS or name not in after:
            continue
        old, new = (None if is_insert else before.get(name)), after.get(name)
        if old == new or (is_insert and new in (None, "")):
            continue
        changes.append((model_field, old, new))
    return changes


def _related_names(changes: Iterable[tuple[Field, Any, Any]]) -> dict[tuple[type, Any], str]:
    """The names of the records that foreign keys in the changes point at: one query per related model."""
    wanted: dict[type, set] = {}
    for model_field, old, new in changes:
        if model_field.is_relation:
            wanted.setdefault(model_field.related_model, set()).update(v for v in (old, new) if v is not None)
    return {
        (model, pk): str(obj)
        for model, ids in wanted.items()
        for pk, obj in model._base_manager.in_bulk(ids).items()
    }


def _display(model_field: Field, value: Any, related: dict[tuple[type, Any], str]) -> Any:
    """What a reader understands: a choice's label, a related record's name, yes/no, money with its places."""
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return related.get((model_field.related_model, value), f"#{value}")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(model_field, DecimalField):
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-model_field.decimal_places))
    if isinstance(value, list):  # an array field (a notice's recipients)
        return ", ".join(str(item) for item in value)
    choices = dict(model_field.flatchoices or ())
    return choices.get(value, value)
