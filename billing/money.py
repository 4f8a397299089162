"""Money in billing: the one rounding rule lives in ``documents.money`` (every app shows money)."""

from documents.money import CENT, ZERO, money

__all__ = ["CENT", "ZERO", "money"]
