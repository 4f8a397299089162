"""Writing many rows at once with PostgreSQL's ``COPY``: the columns come from the model, not from a list
kept by hand, so a field added to a model is either filled by the caller, by its default, or refused
before any row is written.

A column is written when the caller fills it, or when the field has a Python default (``COPY`` knows
nothing of Django's defaults). It is left to the database when the field has a database default
(``db_default``), is the table's own identity, or may be null. Any other field (not null, no default)
must be filled by the caller: ``copy_unfilled`` names those it does not fill.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED

Row = Mapping[str, Any]


def _left_to_database(field: models.Field) -> bool:
    """The database fills this column itself when a ``COPY`` leaves it out."""
    identity = field.primary_key and isinstance(field, models.AutoField | models.BigAutoField)
    return identity or field.db_default is not NOT_PROVIDED or field.null


def copy_unfilled(model: type[models.Model], filled: Iterable[str]) -> list[str]:
    """The model's fields a ``COPY`` filling only ``filled`` (attribute names) would leave empty but which
    may not be (not null, no default of any kind): a run writing them would fail at run time."""
    given = set(filled)
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in given and not field.has_default() and not _left_to_database(field)
    ]


def copy_columns(model: type[models.Model], filled: Iterable[str]) -> list[models.Field]:
    """The fields a ``COPY`` writes, in the model's order: those filled, and those with a Python default."""
    given = set(filled)
    return [
        field
        for field in model._meta.concrete_fields
        if field.attname in given or (field.has_default() and not _left_to_database(field))
    ]


def copy_rows(model: type[models.Model], filled: frozenset[str], rows: Iterable[Row]) -> None:
    """Stream rows (attribute name → value, exactly ``filled``) into the model's table with ``COPY``.

    Refuses, before writing anything, a model with a required field that ``filled`` leaves out. The table's
    statement triggers still check the rows.
    """
    if missing := copy_unfilled(model, filled):
        raise ValueError(f"COPY into {model._meta.db_table} does not fill {', '.join(missing)}")
    fields = copy_columns(model, filled)
    defaults = {
        field.attname: field.get_db_prep_save(field.get_default(), connection)
        for field in fields
        if field.attname not in filled
    }
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            if row.keys() != filled:
                raise ValueError(f"COPY into {model._meta.db_table}: a row fills {sorted(row)}")
            copy.write_row([row[f.attname] if f.attname in row else defaults[f.attname] for f in fields])
