"""How staff are named on the service desk's pages and timeline."""

import re
from typing import Any

_CJK = re.compile(r"[\u3400-\u9fff]")


def display_name(user: Any) -> str:
    """Chinese names family name first and without a space (吕洋); other names as Django writes them."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and _CJK.search(first + last):
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()
