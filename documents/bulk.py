"""Writing thousands of new rows in one statement: ``insert_rows`` sends each column as one array
(``INSERT ... SELECT * FROM unnest(...)``), so 10,000 rows cost one round trip and no per-value SQL building.

The statement goes through Django's cursor, so the audit trail's context (pghistory) is attached as for any
write, and the tables' statement triggers and constraints check the rows as usual. The rows are unsaved
model instances whose ids were reserved first (``next_ids``), so the caller can point other rows at them
before anything is written. Used where Django's ``bulk_create`` spends its time building the SQL of every
value (day-one imports); the billing run streams its rows with ``COPY`` (``billing.services.copying``).
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def next_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve ``count`` ids of the model's identity sequence in one query."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _column(field: models.Field, objs: Sequence[models.Model]) -> list[Any]:
    """The field's value on every row as the database takes it (``pre_save`` fills auto timestamps)."""
    values = [field.pre_save(obj, True) for obj in objs]
    if isinstance(field, models.JSONField):
        return [field.get_db_prep_save(value, connection) for value in values]
    if isinstance(field, models.CharField | models.TextField):  # a choices member is written as its value
        return [None if value is None else str(value) for value in values]
    return values


def insert_rows(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert unsaved instances whose ids are set, in one statement (nothing is read back)."""
    if not objs:
        return
    if any(obj.pk is None for obj in objs):
        raise ValueError(f"insert_rows into {model._meta.db_table}: reserve the ids first (next_ids)")
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    # unnest would flatten an array column's values into rows of their own
    if any((f.db_type(connection) or "").endswith("]") for f in fields):
        raise ValueError(f"insert_rows into {model._meta.db_table}: array columns are not supported")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT * FROM unnest({arrays})",  # noqa: S608
            [_column(f, objs) for f in fields],
        )
