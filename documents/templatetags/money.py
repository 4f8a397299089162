"""``{% load money %}``: ``{{ x|yuan }}`` (¥1,234,567.50), ``{{ x|capital_yuan }}`` (人民币…元整) and
``{{ x|area }}`` (1,234.50, an area in m², ``documents.quantities``).

An empty value (``None`` or ``""``) shows as nothing, so an optional amount needs no ``{% if %}``; a float
is refused as ``documents.money.money`` refuses it. Wrap amounts in ``class="money"`` to right-align them."""

from decimal import Decimal

from django import template

from .. import money as rules
from .. import quantities

register = template.Library()


@register.filter
def yuan(value: Decimal | int | str | None) -> str:
    """``¥1,234,567.50`` / ``-¥1,234.50`` in every language."""
    if value is None or value == "":
        return ""
    return rules.yuan(value)


@register.filter
def capital_yuan(value: Decimal | int | str | None) -> str:
    """The amount in capital numerals, as finance writes it on receipts: 人民币壹仟贰佰叁拾肆元伍角整."""
    if value is None or value == "":
        return ""
    return rules.capital_yuan(value)


@register.filter
def area(value: Decimal | int | str | None) -> str:
    """``1,234.50`` (m²) in every language; an empty value shows as nothing."""
    if value is None or value == "":
        return ""
    return quantities.area(value)
