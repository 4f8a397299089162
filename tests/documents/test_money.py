"""The one money display rule and the capital numerals finance writes on receipts."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from documents.columns import MoneyColumn
from documents.money import XLSX_MONEY_FORMAT, capital_yuan, money, plain, yuan


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1234567.5"), "¥1,234,567.50"),
        (Decimal("0"), "¥0.00"),
        (Decimal("0.05"), "¥0.05"),
        (Decimal("-1234.5"), "-¥1,234.50"),
        (Decimal("-0.004"), "¥0.00"),
        (Decimal("999.995"), "¥1,000.00"),
        (12, "¥12.00"),
        ("1000000", "¥1,000,000.00"),
    ],
)
def test_yuan_shows_sign_separators_and_two_decimals(amount, shown):
    assert yuan(amount) == shown


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_yuan_is_the_same_in_both_languages(language):
    with translation.override(language):
        rendered = Template("{% load money %}{{ x|yuan }}").render(Context({"x": Decimal("-1234567.5")}))
    assert rendered == "-¥1,234,567.50"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Decimal("0"), "人民币零元整"),
        (Decimal("0.05"), "人民币伍分"),
        (Decimal("0.50"), "人民币伍角整"),
        (Decimal("0.15"), "人民币壹角伍分"),
        (Decimal("1234.50"), "人民币壹仟贰佰叁拾肆元伍角整"),
        (Decimal("10000"), "人民币壹万元整"),
        (Decimal("10010.00"), "人民币壹万零壹拾元整"),
        (Decimal("105000.00"), "人民币壹拾万伍仟元整"),
        (Decimal("100000000"), "人民币壹亿元整"),
        (Decimal("100000001.01"), "人民币壹亿零壹元零壹分"),
        (Decimal("100010000.00"), "人民币壹亿零壹万元整"),
        (Decimal("1000.05"), "人民币壹仟元零伍分"),
        (Decimal("1234567.89"), "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
        (Decimal("-1234.50"), "人民币负壹仟贰佰叁拾肆元伍角整"),
    ],
)
def test_capital_yuan(amount, words):
    assert capital_yuan(amount) == words


def test_floats_are_refused():
    with pytest.raises(TypeError):
        money(0.1)
    with pytest.raises(TypeError):
        yuan(0.1)


def test_filters_leave_an_empty_amount_empty():
    rendered = Template("{% load money %}[{{ x|yuan }}][{{ x|capital_yuan }}]").render(Context({"x": None}))
    assert rendered == "[][]"


def test_money_column_shows_yuan_and_exports_the_number():
    column = MoneyColumn()
    assert column.render(Decimal("1234.5")) == "¥1,234.50"
    assert column.value(Decimal("1234.5")) == Decimal("1234.50")
    assert plain(Decimal("1234.5")) == "1234.50"
    assert XLSX_MONEY_FORMAT.startswith('"¥"#,##0.00')
