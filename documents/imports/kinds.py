"""The registry of import kinds. Documents knows no app by name: each app registers its kinds in its
``AppConfig.ready()`` with ``import_kind_register`` and says which staff roles (group names) may run them.

A kind names its columns (key, English and Chinese header, whether required, an example, the allowed
values), reads the rows against the database without writing (``plan``: one outcome per row, each an
action or errors at their columns) and writes the planned rows (``write``), inside the one transaction the
engine opens, so an import is all or nothing.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from ..actors import AnyUser


@dataclass(frozen=True)
class Column:
    """A column of a kind's sheet; the header may be the key, the English or the Chinese header, or both."""

    key: str
    en: str
    zh: str
    required: bool = True
    example: str = ""
    # The allowed values, as shown on the template's second sheet (e.g. ["office 办公", "retail 商业"]).
    allowed: Callable[[], list[str]] | None = None
    hint: str | Promise = ""  # a lazy translation, shown in the reader's language

    @property
    def header(self) -> str:
        return f"{self.zh} ({self.en})"


CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


@dataclass
class Row:
    """One data row: its line in the file and its cells by column key (empty string when blank)."""

    line: int
    cells: dict[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "")


@dataclass
class Outcome:
    """What the import would do with one row: the action, a short label, the fields it changes, errors."""

    line: int
    label: str = ""
    action: str = CREATE
    changes: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column key, message)
    payload: Any = None

    def error(self, column: str, message: str) -> None:
        self.errors.append((column, str(message)))
        self.action = ERROR


@dataclass(frozen=True)
class ImportKind:
    """An importable kind of record; ``plan`` reads, ``write`` writes what ``plan`` found (no errors)."""

    key: str
    label: str | Promise
    roles: tuple[str, ...]
    columns: tuple[Column, ...]
    plan: Callable[[list[Row], Any], list[Outcome]]
    write: Callable[[list[Outcome], Any], None]
    roles_label: str | Promise = ""
    description: str | Promise = ""
    order: int = 100

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


_KINDS: dict[str, ImportKind] = {}


def import_kind_register(kind: ImportKind) -> ImportKind:
    """Register a kind once (an app's ``ready()``); registering a key twice is a programming error."""
    if kind.key in _KINDS and _KINDS[kind.key] is not kind:
        raise ValueError(f"Import kind {kind.key!r} is registered twice.")
    _KINDS[kind.key] = kind
    return kind


def import_kinds() -> Sequence[ImportKind]:
    """Every registered kind, in the order a building is loaded (space, tenants, leases, money...)."""
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.key))


def import_kind(key: str) -> ImportKind | None:
    return _KINDS.get(key)


def user_may_import(user: AnyUser, kind: ImportKind) -> bool:
    """Whether the user holds one of the kind's roles (staff groups), a superuser all of them."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_staff", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=kind.roles).exists()
