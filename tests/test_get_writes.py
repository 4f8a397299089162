"""No GET request writes anything: every URL of the URL configuration is asked for with GET by every kind of
visitor (anonymous, each staff role, the tenant's portal user and another tenant's), and no row of any table
may be inserted, updated or deleted meanwhile. A page that must store something asks for it with a POST.

PostgreSQL counts the rows each table had inserted, updated and deleted in the current transaction
(``pg_stat_xact_user_tables``, rolled-back savepoints included), so one query before and one after each
request name the tables it wrote, whatever the app and whether the row count changed.

The one table left out is the visitor's own session (``django_session``): Django saves it when a page
changes it (a message shown once, a form's key kept until it is posted); it is the visitor's state, not a
record.
"""

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import reverse

from tenancy.models import CalendarDay
from tests.url_access_table import VISITORS
from tests.url_access_world import World
from tests.url_walk import (
    ADMIN_PAGES,
    CHECKED,
    TABLE,
    ask,
    declaration,
    describe,
    url_of,
    world_fixture,  # noqa: F401 - fixture
)

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("url_access")]

NOT_RECORDS = frozenset({"django_session"})


def rows_written() -> dict[str, int]:
    """Per table, the rows inserted, updated or deleted so far in this transaction (savepoints included)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return dict(cursor.fetchall())


def tables_written(world: World, visitor: str, url: str) -> tuple[list[str], HttpResponse | Exception]:
    """The tables (other than the session) a GET of the URL by the visitor wrote, and its answer."""
    before = rows_written()
    answer = ask(world, visitor, url, post=False)
    after = rows_written()
    written = sorted(t for t, n in after.items() if n != before.get(t, 0) and t not in NOT_RECORDS)
    return written, answer


def test_the_check_sees_a_write_rolled_back_with_its_savepoint(world):
    # given: a write in a savepoint rolled back after it, as each request of the test runs
    before = rows_written()
    # when
    with transaction.atomic():
        CalendarDay.objects.filter(pk=world["calendar_day"].pk).update(name="changed by a GET")
        transaction.set_rollback(True)
    # then
    after = rows_written()
    assert after[CalendarDay._meta.db_table] == before.get(CalendarDay._meta.db_table, 0) + 1


@pytest.mark.parametrize("name", CHECKED)
def test_a_get_of_each_url_writes_nothing(world, name):
    # given
    declared = declaration(name)
    url = url_of(world, name, declared)
    wrong = []
    for visitor in VISITORS:
        # when
        written, answer = tables_written(world, visitor, url)
        # then
        if written:
            wrong.append(f"  {visitor} ({describe(answer)}): wrote {', '.join(written)}")
    assert not wrong, f"GET {url} ({name}, declared in {TABLE}) wrote rows:\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", ["admin:index", *ADMIN_PAGES])
def test_a_get_of_each_admin_list_writes_nothing(world, name):
    # given
    url = reverse(name)
    # when
    writes = {visitor: tables_written(world, visitor, url) for visitor in VISITORS}
    # then
    wrong = [f"  {v} ({describe(answer)}): wrote {', '.join(t)}" for v, (t, answer) in writes.items() if t]
    assert not wrong, f"GET {url} ({name}) wrote rows:\n" + "\n".join(wrong)
