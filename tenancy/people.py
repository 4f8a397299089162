"""How people are named on every page, timeline and printed form."""

import re

from documents.actors import AnyUser

_CJK = re.compile(r"[\u3400-\u9fff]")


def person_name(first_name: str, last_name: str, username: str) -> str:
    """Chinese names family name first and without a space (吕洋); others "first last"; else the username."""
    first, last = first_name.strip(), last_name.strip()
    if first and last and _CJK.search(first + last):
        return f"{last}{first}"
    return f"{first} {last}".strip() or username


def display_name(user: AnyUser | None) -> str:
    """A user's name as :func:`person_name` writes it; empty for no user."""
    if user is None or not user.is_authenticated:
        return ""
    return person_name(user.first_name or "", user.last_name or "", user.get_username())
