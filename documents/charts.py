"""Charts drawn on the server as SVG, for paper: WeasyPrint runs no script, so a printed report cannot use the
page's chart library. Plain columns and lines with their values written on them, readable in black and white.

Each function takes labels and named series of numbers and returns safe SVG markup.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colours that stay apart in print (and in grey).
PALETTE = ("#2f6db5", "#e0912f", "#4a9b5c", "#c0392b", "#7d5ba6", "#7f8c8d")
FONT = "font-family:'Noto Sans CJK SC',sans-serif"
Number = int | float | Decimal
Series = Sequence[tuple[str, Sequence[Number]]]


def _nice_top(peak: float) -> float:
    """A round axis maximum at or above ``peak``."""
    if peak <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(peak))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if peak <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


def _short(value: float) -> str:
    """A value as a short label: 1.2万 style is the reader's; here 12.3k / 1.2M keep it narrow."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:.0f}k"
    if value == int(value):
        return f"{int(value)}"
    return f"{value:.1f}"


def _frame(width: int, height: int, body: list[str], legend: Series, title: str) -> SafeString:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" style="{FONT};font-size:10px">',
        *body,
    ]
    x = 40
    for i, (name, _values) in enumerate(legend):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{height - 12}" width="9" height="9" fill="{colour}"/>')
        parts.append(f'<text x="{x + 12}" y="{height - 4}">{escape(name)}</text>')
        x += 20 + 7 * len(name) + (6 * sum(1 for c in name if ord(c) > 0x2E80))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _axis(top: float, left: int, plot_top: int, plot_h: int, right: int) -> list[str]:
    parts = []
    for i in range(5):
        value = top * i / 4
        y = plot_top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" fill="#555">{_short(value)}</text>'
        )
    return parts


def column_chart(
    labels: Sequence[str],
    series: Series,
    *,
    title: str = "",
    stacked: bool = False,
    width: int = 520,
    height: int = 220,
) -> SafeString:
    """Columns per label, one per series side by side (or stacked), each with its value on top."""
    left, right, plot_top, plot_h = 44, width - 8, 10, height - 60
    count = max(len(labels), 1)
    sums = [sum(float(values[i]) for _n, values in series) for i in range(len(labels))]
    peak = max(sums if stacked else [float(v) for _n, values in series for v in values] or [0])
    top = _nice_top(peak)
    body = _axis(top, left, plot_top, plot_h, right)
    slot = (right - left) / count
    bar = slot * 0.7 / (1 if stacked else max(len(series), 1))
    for i, label in enumerate(labels):
        x0 = left + slot * i + slot * 0.15
        base = plot_top + plot_h
        for s, (_name, values) in enumerate(series):
            value = float(values[i])
            h = plot_h * value / top
            x = x0 if stacked else x0 + bar * s
            y = base - h
            colour = PALETTE[s % len(PALETTE)]
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>')
            if value and not stacked:
                body.append(
                    f'<text x="{x + bar / 2:.1f}" y="{y - 2:.1f}" text-anchor="middle" font-size="8">'
                    f"{_short(value)}</text>"
                )
            if stacked:
                base = y
        if stacked and sums[i]:
            body.append(
                f'<text x="{x0 + bar / 2:.1f}" y="{base - 2:.1f}" text-anchor="middle" font-size="8">'
                f"{_short(sums[i])}</text>"
            )
        body.append(
            f'<text x="{x0 + (slot * 0.7) / 2:.1f}" y="{plot_top + plot_h + 12}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    return _frame(width, height, body, series, title)


def line_chart(
    labels: Sequence[str],
    series: Series,
    *,
    title: str = "",
    top: float | None = None,
    width: int = 520,
    height: int = 200,
) -> SafeString:
    """A line per series over the labels, each point marked and its value written above it."""
    left, right, plot_top, plot_h = 44, width - 24, 12, height - 52
    peak = max([float(v) for _n, values in series for v in values] or [0])
    top = top or _nice_top(peak)
    body = _axis(top, left, plot_top, plot_h, right)
    step = (right - left) / max(len(labels) - 1, 1)
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{left + step * i:.1f}" y="{plot_top + plot_h + 12}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for s, (_name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        points = [
            (left + step * i, plot_top + plot_h - plot_h * float(v) / top) for i, v in enumerate(values)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.5"/>')
        for (x, y), value in zip(points, values, strict=True):
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{colour}"/>')
            body.append(
                f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="7">'
                f"{_short(float(value))}</text>"
            )
    return _frame(width, height, body, series, title)
