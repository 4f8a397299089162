"""``MoneyColumn``: the django-tables2 column of every amount in a list.

Shown as ``documents.money.yuan`` (¥1,234,567.50) right-aligned; exported (``table.as_values`` and the
django-tables2 export) as the plain ``Decimal``, so a CSV carries ``1234567.50`` and an XLSX a number."""

from decimal import Decimal
from typing import Any

import django_tables2 as tables

from .money import money, yuan

MONEY_ATTRS = {"th": {"class": "money"}, "td": {"class": "money"}, "tf": {"class": "money"}}


class MoneyColumn(tables.Column):
    """An amount column: right-aligned ``¥1,234.50`` on screen, the plain two-decimal number in exports."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", MONEY_ATTRS)
        super().__init__(*args, **kwargs)

    def render(self, value: Decimal | int | str) -> str:
        return yuan(value)

    def value(self, value: Decimal | int | str | None) -> Decimal | str:
        return "" if value is None or value == "" else money(value)
