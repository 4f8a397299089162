"""Money: ``Decimal`` yuan (CNY) to the fen, rounded half-up. The one rounding rule of billing."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(amount: Decimal | int | str) -> Decimal:
    """An amount in CNY to two places, half-up (0.005 → 0.01); floats are refused, they are not exact."""
    if isinstance(amount, float):
        raise TypeError("Money is never a float; pass a Decimal, an int or a string.")
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
