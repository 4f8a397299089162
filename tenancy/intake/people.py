"""How staff are named on intake's pages, timelines and printed notices."""

import re
from typing import Any

_CJK = re.compile(r"[\u3400-\u9fff]")


def display_name(user: Any) -> str:
    """Chinese names family name first and without a space (吕洋); others "first last"; else the username."""
    if user is None:
        return ""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if first and last and _CJK.search(first + last):
        return f"{last}{first}"
    return f"{first} {last}".strip() or user.get_username()
