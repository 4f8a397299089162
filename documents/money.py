"""Money: ``Decimal`` yuan (CNY) to the fen, rounded half-up, and how every page, paper and export shows it.

The one rounding rule (``money``; ``half_up`` applies the same rule to shares and ratings shown to a tenth),
the one display rule (``yuan``: ``¥1,234,567.50``, negatives
``-¥1,234.50``, the same in both languages), the capital numerals finance writes on receipts, bills,
refunds and settlements (``capital_yuan``: 人民币壹仟贰佰叁拾肆元伍角整) and the cell format of XLSX
exports (``XLSX_MONEY_FORMAT``: the cell holds the number, the format draws the sign and separators)."""

from decimal import ROUND_HALF_UP, Decimal

import cn2an

CENT = Decimal("0.01")
TENTH = Decimal("0.1")  # shares in percent and average ratings
ZERO = Decimal("0.00")

# Excel/openpyxl number format: numbers stay numbers (sums, filters work), shown as ¥1,234.50 / -¥1,234.50.
XLSX_MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'


def half_up(value: Decimal | int | str, quantum: Decimal) -> Decimal:
    """``value`` rounded half-up to ``quantum`` (``Decimal("0.1")``: 12.25 → 12.3), never half-even as
    Decimal's default context would; floats are refused, they are not exact."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal, an int or a string.")
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def money(amount: Decimal | int | str) -> Decimal:
    """An amount in CNY to two places, half-up (0.005 → 0.01); floats are refused, they are not exact."""
    return half_up(amount, CENT)


def yuan(amount: Decimal | int | str) -> str:
    """``¥1,234,567.50``: sign, thousands separators, two decimals in every language; ``-¥1,234.50``."""
    value = money(amount)
    text = f"¥{abs(value):,.2f}"
    return f"-{text}" if value < 0 else text


def plain(amount: Decimal | int | str) -> str:
    """``1234567.50``: the amount as CSV carries it (two decimals, no sign, no separators)."""
    return f"{money(amount):.2f}"


def capital_yuan(amount: Decimal | int | str) -> str:
    """人民币大写 as the accounting rules (会计基础工作规范 §52) write it: ``人民币壹仟贰佰叁拾肆元伍角整``.

    cn2an's ``rmb`` mode writes the digits, units and zeros right (零元整, 伍分, 壹万元整, 壹亿零壹元零壹分,
    负…); it leaves out the 整 an amount ending in 角 must carry (the rules: 整 after 元 or 角, none after
    分), which is added here, with the 人民币 prefix."""
    value = money(amount)
    words = cn2an.an2cn(f"{value:f}", "rmb")
    if words.endswith("角"):
        words += "整"
    return f"人民币{words}"
