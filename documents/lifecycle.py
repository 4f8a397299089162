"""Lifecycles: the states a record goes through and the moves allowed between them, declared once per model.

Each stateful model declares, next to its ``Status`` choices, ``LIFECYCLE = Lifecycle(Status, {from: {to}})``;
a second state field gets its own table (``Lifecycle(QuoteStatus, ..., field="quote_status")``).
A service moves a record with ``LIFECYCLE.move(obj, to)``: it refuses a move the table does not allow with a
translated ``DomainError`` naming both states, sets the field, and leaves saving to the caller, who saves it
with the other fields the step changes in its own transaction. A bulk sweep narrows its queryset to the states
allowed to move: ``LIFECYCLE.movable(qs, to).update(...)``. ``registry()`` lists every model's tables, so one
test tries every move a table refuses.

We do not use django-fsm-2: its transitions are decorated model methods (the house writes state in service
functions), its refusal is an untranslated ``TransitionNotAllowed``, it does not cover bulk ``update()``
sweeps, and swapping fields for ``FSMField`` would add a migration to every app for no gain over this table.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .errors import DomainError


class Lifecycle:
    """A states enum and, for each state, the states it may move to; a state with no moves out is terminal."""

    def __init__(
        self, states: type[models.TextChoices], moves: Mapping[str, Iterable[str]], *, field: str = "status"
    ) -> None:
        unknown = ({str(a) for a in moves} | {str(b) for nexts in moves.values() for b in nexts}) - set(
            states.values
        )
        if unknown:
            raise ValueError(
                f"{states.__qualname__}: unknown states in the lifecycle table: {sorted(unknown)}"
            )
        self.states = states
        self.field = field
        self.moves: dict[str, frozenset[str]] = {
            str(state): frozenset(str(b) for b in moves.get(state, ())) for state in states.values
        }

    @property
    def terminal(self) -> frozenset[str]:
        """The states nothing leaves."""
        return frozenset(state for state, nexts in self.moves.items() if not nexts)

    def allows(self, current: str, to: str) -> bool:
        """Whether the table allows ``current`` → ``to``."""
        return str(to) in self.moves.get(str(current), frozenset())

    def sources(self, to: str) -> frozenset[str]:
        """The states from which ``to`` may be reached in one move."""
        return frozenset(state for state, nexts in self.moves.items() if str(to) in nexts)

    def refused(self) -> list[tuple[str, str]]:
        """Every pair of distinct states the table does not allow (for the tests)."""
        return [
            (a, b) for a in self.states.values for b in self.states.values if a != b and not self.allows(a, b)
        ]

    def label(self, state: str) -> str:
        return str(self.states(state).label) if state in self.states.values else str(state)

    def check(self, obj: models.Model, to: str) -> None:
        """Raise a translated DomainError unless ``obj`` may move from its current state to ``to``."""
        current = getattr(obj, self.field)
        if self.allows(current, to):
            return
        words = {"record": obj._meta.verbose_name, "from": self.label(current), "to": self.label(to)}
        if self.field == "status":
            message = _("This %(record)s is “%(from)s”: it cannot become “%(to)s”.") % words
        else:  # a second state of the record, named by its field
            words["field"] = obj._meta.get_field(self.field).verbose_name
            message = _("The %(field)s of this %(record)s is “%(from)s”: it cannot become “%(to)s”.") % words
        raise DomainError(message)

    def move(self, obj: models.Model, to: str) -> str:
        """Check the move, set the field and return the state it left; the caller saves ``obj``."""
        self.check(obj, to)
        before = getattr(obj, self.field)
        setattr(obj, self.field, self.states(to))
        return str(before)

    def movable(self, queryset: "models.QuerySet[Any]", to: str) -> "models.QuerySet[Any]":
        """The rows of ``queryset`` whose state may move to ``to`` (for bulk sweeps and compare-and-set)."""
        return queryset.filter(**{f"{self.field}__in": self.sources(to)})

    def __repr__(self) -> str:
        return f"Lifecycle({self.states.__qualname__}, field={self.field!r})"


def lifecycles_of(model: type[models.Model]) -> list[Lifecycle]:
    """The lifecycle tables a model declares as class attributes."""
    found: dict[str, Lifecycle] = {}
    for klass in reversed(model.__mro__):
        found.update({name: value for name, value in vars(klass).items() if isinstance(value, Lifecycle)})
    return list(found.values())


def registry() -> dict[type[models.Model], list[Lifecycle]]:
    """Every installed model that declares a lifecycle, with its tables."""
    from django.apps import apps

    found = {model: lifecycles_of(model) for model in apps.get_models()}
    return {model: tables for model, tables in found.items() if tables}
