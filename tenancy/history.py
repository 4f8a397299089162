"""Read the audit trail that django-pghistory's triggers write: who changed what on a record, and when."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pghistory.models
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {"insert": _("Created"), "update": _("Changed"), "delete": _("Deleted")}
# Bookkeeping columns that change on every save and mean nothing to a reader.
IGNORED_FIELDS = frozenset({"id", "updated_at", "created_at"})


@dataclass
class HistoryEntry:
    when: datetime
    user: Any
    action: str
    is_insert: bool = False
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)


def object_history(instance: Model) -> list[HistoryEntry]:
    """Every recorded event of ``instance``, newest first, each with the acting user and the fields it changed."""
    events = list(pghistory.models.Events.objects.tracks(instance).order_by("pgh_created_at", "pgh_id"))
    users = _users_by_id(events)
    entries: list[HistoryEntry] = []
    previous: dict[str, Any] = {}
    for event in events:
        data = event.pgh_data or {}
        context = event.pgh_context or {}
        entries.append(
            HistoryEntry(
                when=event.pgh_created_at,
                user=users.get(_user_id(context)),
                action=str(ACTION_LABELS.get(event.pgh_label, event.pgh_label)),
                is_insert=event.pgh_label == "insert",
                changes=_changes(instance, previous, data, is_insert=event.pgh_label == "insert"),
            )
        )
        previous = data
    entries.reverse()
    return entries


def _user_id(context: dict) -> int | None:
    value = context.get("user")
    return int(value) if value not in (None, "") else None


def _users_by_id(events: list) -> dict[int, Any]:
    ids = {uid for e in events if (uid := _user_id(e.pgh_context or {})) is not None}
    return get_user_model().objects.in_bulk(ids) if ids else {}


def _changes(instance: Model, before: dict, after: dict, *, is_insert: bool) -> list[tuple[str, Any, Any]]:
    changes = []
    for model_field in instance._meta.concrete_fields:
        name = model_field.attname
        if name in IGNORED_FIELDS or name not in after:
            continue
        old, new = (None if is_insert else before.get(name)), after.get(name)
        if old == new or (is_insert and new in (None, "")):
            continue
        changes.append((str(model_field.verbose_name), _display(model_field, old), _display(model_field, new)))
    return changes


def _display(model_field: Any, value: Any) -> Any:
    """Show the label of a choice rather than its stored value."""
    if value is None or value == "":
        return "—"
    choices = dict(model_field.flatchoices or ())
    return choices.get(value, value)
