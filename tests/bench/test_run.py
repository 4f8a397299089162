"""The benchmark's own rules: it only ever drops a ``*_bench`` database, and reports ratios line by line."""

import json

import pytest

from bench import run


def test_bench_database_is_named_after_the_main_one():
    # when
    url = run._bench_database_url("postgres://postgres@127.0.0.1:5432/backoffice")
    # then
    assert url == "postgres://postgres@127.0.0.1:5432/backoffice_bench"


def test_bench_refuses_to_drop_a_database_that_is_not_a_bench_one():
    # when / then
    with pytest.raises(SystemExit, match="refusing to drop 'backoffice'"):
        run._recreate_database("postgres://postgres@127.0.0.1:5432/backoffice")


def test_bench_line_carries_value_baseline_and_ratio(capsys):
    # given
    line = run._ratio("pages.unit_list.ms", "ms", 12.34, 15.0, 1, "25 rows per page")
    # when
    missed = run._emit(line, failed=False)
    # then
    assert missed == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == {
        "metric": "pages.unit_list.ms",
        "value": 12.3,
        "unit": "ms",
        "baseline": 15.0,
        "ratio": 0.82,
        "note": "25 rows per page",
    }
