"""Gates that cross the house: a lower app names a moment (``Gate``) and asks it before acting; a higher
app registers, at start-up, the checks it requires. A check returns the reasons it refuses, in words for
the page; no reason means it agrees. The lower app never imports the higher one."""

from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise

Check = Callable[..., list[str]]

# Every gate declared, by name: one place to read the whole order of things.
GATES: dict[str, "Gate"] = {}


class Gate:
    """A named moment a lower app asks about before acting; higher apps register checks for it."""

    def __init__(self, name: str, label: str | Promise) -> None:
        if name in GATES:
            raise ValueError(f"Gate {name!r} is declared twice.")
        self.name = name
        self.label = label
        self.checks: list[Check] = []
        GATES[name] = self

    def register(self, check: Check) -> Check:
        """Add a check (once, however often an app's ready() runs)."""
        if check not in self.checks:
            self.checks.append(check)
        return check

    def refusals(self, **facts: Any) -> list[str]:
        """Every registered check's reasons to refuse, in order; [] when all agree."""
        return [str(reason) for check in self.checks for reason in check(**facts)]

    def __repr__(self) -> str:
        return f"Gate({self.name!r})"
