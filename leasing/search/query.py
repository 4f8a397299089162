"""What a staff member typed into the search box, made safe: trimmed, bounded, and turned into a full-text
query of quoted lexemes, so that punctuation such as ``&|!:*()'`` never breaks ``to_tsquery``."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

MAX_LENGTH = 100
MAX_WORDS = 8
# Letters, digits and CJK characters make a word; everything else (underscores too) separates.
WORD = re.compile(r"[^\W_]+")
# The text as a tsquery: each lexeme quoted (backslashes and quotes escaped), as a prefix, joined by "&".
PREFIX_QUERY_SQL = (
    "SELECT coalesce(string_agg("
    r"'''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''':*'"
    ", ' & '), '') FROM unnest(to_tsvector('simple', %s))"
)


@dataclass(frozen=True)
class SearchTerms:
    """The trimmed text (matched as a substring and against exact codes) and its words (full-text)."""

    text: str
    words: tuple[str, ...]

    @property
    def code(self) -> str:
        """The text as a code or number: spaces removed, upper case (credit codes, ID numbers)."""
        return re.sub(r"\s+", "", self.text).upper()

    def full_text(self) -> SearchQuery | None:
        """Every lexeme of the text as a prefix (``'lexeme':*``), all required; None when there is no word.

        The lexemes come from PostgreSQL's own parser (``to_tsvector('simple', text)``), the one that built
        the indexed vectors: it reads ``HT-2026-000001`` as ``ht``, ``-2026``, ``-000001``, so words split
        in Python would miss a number typed in part.
        """
        if not self.words:
            return None
        # The text is a bound parameter; only the fixed SQL around it is raw.
        lexemes = RawSQL(PREFIX_QUERY_SQL, [self.text])  # noqa: S611
        return SearchQuery(lexemes, search_type="raw", config="simple")


class SearchInputError(ValueError):
    """The input cannot be searched; the message says why in the user's language."""


def search_terms(raw: str) -> SearchTerms | None:
    """The terms to search for; None for an empty box; ``SearchInputError`` for one that is too long."""
    text = " ".join((raw or "").split())
    if not text:
        return None
    if len(text) > MAX_LENGTH:
        raise SearchInputError(
            _("Search for at most %(max)s characters (you typed %(count)s).")
            % {"max": MAX_LENGTH, "count": len(text)}
        )
    words = tuple(dict.fromkeys(word.lower() for word in WORD.findall(text)))[:MAX_WORDS]
    return SearchTerms(text=text, words=words)
