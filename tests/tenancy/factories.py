"""Identifiers with correct check digits for the tenant pages' tests (the tenant factories are in
``tests/factories.py``)."""

from stdnum.cn import ric


def resident_id(region: str = "310101", born: str = "19850615", sequence: int = 1) -> str:
    """A valid resident ID. stdnum's ``ric.calc_check_digit`` expects the number *with* a check digit slot."""
    body = f"{region}{born}{sequence % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def wrong_check_digit(number: str) -> str:
    """The same number with another check digit (a digit is a possible check character of both kinds)."""
    return number[:-1] + next(c for c in "0123456789" if c != number[-1])
