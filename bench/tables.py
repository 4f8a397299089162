"""Keep the tables a job bench measures as production keeps them.

The benches seed their rows inside a transaction they roll back, and the benches before them did the same,
so without help a sweep would be measured against tables full of dead rows from earlier rollbacks and with
planner statistics that have never seen the seeded rows (the planner then guesses a couple of rows and picks
nested loops for thousands). In production autovacuum keeps the tables clean and the statistics current;
these two calls do the same for a bench: vacuum before the seed (outside any transaction), analyse after it
(``ANALYZE`` inside the seeding transaction counts that transaction's own new rows).
"""

from collections.abc import Iterable

from django.db import connection


def tables_vacuum(tables: Iterable[str]) -> None:
    """``VACUUM ANALYZE`` each table. ``VACUUM`` cannot run inside a transaction: called inside one (the
    bench's own tests run it in theirs), only the statistics are refreshed."""
    if connection.in_atomic_block:
        tables_analyze(tables)
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


def tables_analyze(tables: Iterable[str]) -> None:
    """``ANALYZE`` each table, inside the seeding transaction so that its rows are counted."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
