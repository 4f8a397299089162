"""Areas (m²) as every page, paper and export shows them: ``1,234.50``, two decimals rounded half-up and a
comma between thousands, the same in both languages (Django's Chinese number format has no thousands
separator, so ``floatformat:"2g"`` and ``intcomma`` print ``1234.50`` in Chinese; this rule does not
depend on the language). The unit (m²) is written by the page, in a heading or after the number."""

from decimal import ROUND_HALF_UP, Decimal

AREA_PLACES = Decimal("0.01")


def area(value: Decimal | int | str) -> str:
    """``1,234.50``: an area in m² to two places with thousands separators; floats are refused."""
    if isinstance(value, float):
        raise TypeError("An area is never a float; pass a Decimal, an int or a string.")
    return f"{Decimal(value).quantize(AREA_PLACES, rounding=ROUND_HALF_UP):,.2f}"
