"""The benchmark's own rules: it only ever drops a ``*_bench`` database, and reports ratios line by line."""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bench import pages, run


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


@pytest.fixture
def seeded(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", allow_without_debug=True, stdout=StringIO())


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda page: page.name)
def test_bench_measures_each_page_against_its_admin_peer(seeded, page):
    # given
    model_admin = admin.site._registry.get(apps.get_model(page.model)) if page.model else None
    per_page_before = model_admin.list_per_page if model_admin else None
    # when
    result = pages.measure_page(page, warmups=0, runs=1)
    # then
    assert result.ms > 0 and result.baseline_ms > 0
    assert 0 < result.queries <= (page.query_limit or run.QUERY_LIMIT)
    assert result.baseline_queries > 0
    if model_admin:
        assert result.note.startswith(
            f"{pages._rows_per_page(_logged_in(pages.STAFF_USER), reverse(page.url_name))} "
        )
        assert model_admin.list_per_page == per_page_before


def _logged_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client
