"""One rounding rule for the whole house: ``documents.money`` (Decimal only, half-up), used by every app."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from documents.money import TENTH, half_up, money
from leasing.leases.terms import monthly_amount
from leasing.models import RentBasis
from leasing.selectors import occupancy_rate

ROOT = Path(__file__).resolve().parents[2]
APPS = ("config", "documents", "tenancy", "leasing", "handover", "billing", "fitout", "servicedesk")


def test_half_up_rounds_a_tie_up_where_decimal_would_round_to_even():
    # given a tie whose even neighbour is below it
    value = Decimal("12.25")
    # when / then
    assert value.quantize(TENTH) == Decimal("12.2")  # Decimal's default context: half-even
    assert half_up(value, TENTH) == Decimal("12.3")
    assert money(Decimal("0.125")) == Decimal("0.13")


@pytest.mark.parametrize("rounding", [money, lambda value: half_up(value, TENTH)])
def test_floats_are_refused_by_the_rule(rounding):
    with pytest.raises(TypeError):
        rounding(0.1)


def test_lease_arithmetic_refuses_a_float_rent():
    # leasing rounds with the one rule: a float rent is refused, not silently made inexact
    with pytest.raises(TypeError):
        monthly_amount(RentBasis.FIXED, 1234.5, Decimal("100"))
    assert monthly_amount(RentBasis.PER_M2, Decimal("2.345"), Decimal("1")) == Decimal("2.35")


def test_an_occupancy_share_on_a_tie_rounds_half_up():
    # 49 m² of 400 m² is 12.25 %: shown as 12.3 (half-even would say 12.2)
    assert occupancy_rate(Decimal("49"), Decimal("400")) == Decimal("12.3")


# Areas have their own display rule next to money's (two places, half-up, thousands separators).
ROUNDING_MODULES = {"documents/money.py", "documents/quantities.py"}


def test_no_app_keeps_its_own_rounding_rule():
    """Only the ground floor names a rounding mode or defines ``money``: every other module imports it."""
    pattern = re.compile(r"ROUND_HALF|^def money\(", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert "documents/money.py" in offenders
    assert set(offenders) <= ROUNDING_MODULES
