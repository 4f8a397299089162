"""How lists read in a sentence: one rule for every message, page and form, in the reader's language.

Chinese writes a list of names with the enumeration comma (A、B、C); English with a comma and a space.
"""

from collections.abc import Iterable

from django.utils.translation import pgettext


def join_list(items: Iterable[object]) -> str:
    """The items as one phrase in the active language: ``A、B`` in Chinese, ``A, B`` in English."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
