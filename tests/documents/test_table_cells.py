"""What django-tables2 did for every cell of a list is done once per process: a template column (dates among
them) compiles its template once, a cell function's arguments are read once; the cells read as before."""

import inspect
from datetime import date

import django_tables2 as tables
from django.template import base as template_base
from django_tables2.utils import call_with_appropriate

from documents.table_cells import _function_signature, cell_signature, compiled_template


class _Dated(tables.Table):
    due = tables.DateColumn("Y-m-d")
    note = tables.TemplateColumn("{% if value %}<b>{{ value }}</b>{% else %}—{% endif %}")
    amount = tables.Column()

    def render_amount(self, value, record):
        return f"¥{value} ({record['note'] or '-'})"


ROWS = [{"due": date(2026, 3, day), "note": "x<y" if day % 2 else "", "amount": day} for day in range(1, 21)]


def test_template_columns_compile_their_template_once_for_every_row_and_request(monkeypatch):
    # given: every template compilation counted
    compiled_template.cache_clear()
    compiled: list[str] = []
    original = template_base.Template.__init__

    def counting(self, template_string, *args, **kwargs):
        compiled.append(str(template_string))
        original(self, template_string, *args, **kwargs)

    monkeypatch.setattr(template_base.Template, "__init__", counting)
    # when: the table is rendered as two requests would
    pages = [[list(row) for row in _Dated(ROWS).rows] for _ in range(2)]
    # then: one compilation per template column, and the same cells both times (escaped as before)
    assert len(compiled) == 2
    assert pages[0] == pages[1]
    assert pages[0][0] == ["2026-03-01", "<b>x&lt;y</b>", "¥1 (x<y)"]
    assert pages[0][1] == ["2026-03-02", "—", "¥2 (-)"]


def test_a_cell_functions_arguments_are_read_once_and_match_as_before(monkeypatch):
    # given: every signature read counted
    _function_signature.cache_clear()
    reads = []
    original = inspect.signature

    def counting(*args, **kwargs):
        reads.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(inspect, "signature", counting)
    # when
    cells = [list(row) for row in _Dated(ROWS).rows]
    # then: the render method's arguments were read once for 20 rows
    assert len([fn for fn in reads if getattr(fn, "__name__", "") == "render_amount"]) == 1
    assert cells[2][2] == "¥3 (x<y)"
    # and a bound method, a function and a lambda are matched as django-tables2 matches them
    table = _Dated(ROWS)
    assert cell_signature(table.render_amount) == (("value", "record"), None)
    assert cell_signature(lambda record, **rest: None) == (("record",), "rest")
    given = {"value": 5, "record": {"note": ""}, "unused": 1}
    assert call_with_appropriate(table.render_amount, given) == "¥5 (-)"
    assert call_with_appropriate(lambda missing: 1, {"value": 5}) is None
