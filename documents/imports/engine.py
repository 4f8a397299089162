"""Running an import: read the file, map its headers to the kind's columns, let the kind plan every row,
keep the batch with its file; write only on confirmation, all or nothing, in one transaction.

The entry point for code (``seed_demo``, a shell, a task) is ``import_run(kind, file, by=user, commit=True)``:
it previews and, when the preview is clean and ``commit`` is true, imports; when a row is wrong it raises
``ImportRefused`` (its ``result.batch.errors`` lists every row and column) and writes nothing but the batch.
The pages use ``import_preview`` and then ``import_confirm`` on the kept batch.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pghistory
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..actors import User
from ..errors import DomainError
from ..models.imports import ImportBatch
from ..storage import document_storage, file_store
from .kinds import (
    CREATE,
    ERROR,
    UNCHANGED,
    UPDATE,
    Column,
    ImportKind,
    Outcome,
    Row,
    import_kind,
    user_may_import,
)
from .reading import MAX_ROWS, FileRefused, sheet_rows

MAX_FILE_BYTES = 30 * 1024 * 1024
PREVIEW_ROWS = 2000


@dataclass
class ImportResult:
    batch: ImportBatch
    outcomes: list[Outcome]

    @property
    def ok(self) -> bool:
        return not self.batch.errors


class ImportRefused(DomainError):
    """Nothing was imported: the file or some rows are wrong (``result.batch.errors`` says where)."""

    def __init__(self, message: str, *, result: ImportResult) -> None:
        super().__init__(message)
        self.result = result

    def __str__(self) -> str:
        """The message and the first problems, for a log or a shell (the page lists them all)."""
        first = [
            f"{e['line'] or '-'}/{e['column'] or '-'}: {e['message']}" for e in self.result.batch.errors[:5]
        ]
        return " | ".join([self.message, *first])


def kind_for(key: str, by: User) -> ImportKind:
    """The registered kind, if this user's role may import it; else a DomainError in words."""
    kind = import_kind(key)
    if kind is None:
        raise DomainError(_("There is no import of this kind."))
    if not user_may_import(by, kind):
        raise DomainError(
            _("Your role may not import %(kind)s (%(roles)s may).")
            % {"kind": kind.label, "roles": kind.roles_label}
        )
    return kind


def _read(file: bytes | str | Path | IO[bytes]) -> tuple[bytes, str]:
    if isinstance(file, bytes):
        return file, "import"
    if isinstance(file, str | Path):
        path = Path(file)
        return path.read_bytes(), path.name
    name = getattr(file, "name", "") or "import"
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise FileRefused(_("The file is larger than %(mb)s MB; split it.") % {"mb": MAX_FILE_BYTES // 2**20})
    return file.read(), Path(str(name)).name


def _normal(text: str) -> str:
    return re.sub(r"[\s_\-()（）:：/*]+", "", text.strip().lower())


def _header_keys(kind: ImportKind, header: list[str]) -> list[str | None]:
    """The column key of each header cell (None when blank); unknown or missing columns refuse the file."""
    names: dict[str, str] = {}
    for column in kind.columns:
        for spelling in (column.key, column.en, column.zh, column.header, f"{column.zh}{column.en}"):
            names[_normal(spelling)] = column.key
    keys = [names.get(_normal(cell)) if cell.strip() else None for cell in header]
    unknown = [cell for cell, key in zip(header, keys, strict=True) if cell.strip() and key is None]
    missing = [_label(c) for c in kind.columns if c.required and c.key not in keys]
    doubled = {key for key in keys if key and keys.count(key) > 1}
    if unknown or missing or doubled:
        parts = []
        if unknown:
            parts.append(_("unknown columns: %(names)s") % {"names": "、".join(unknown)})
        if missing:
            parts.append(_("missing columns: %(names)s") % {"names": "、".join(missing)})
        if doubled:
            parts.append(_("columns given twice: %(names)s") % {"names": "、".join(sorted(doubled))})
        raise FileRefused(
            _(
                "The header line does not match the template (%(problems)s). "
                "Download the template and keep its headers."
            )
            % {"problems": "; ".join(parts)}
        )
    return keys


def _label(column: Column | None, key: str = "") -> str:
    if column is None:
        return key
    return column.zh if translation.get_language() == "zh-hans" else column.en


def _rows(kind: ImportKind, data: bytes) -> list[Row]:
    header, raw_rows = sheet_rows(data, max_rows=MAX_ROWS)
    keys = _header_keys(kind, header)
    rows = []
    for raw in raw_rows:
        if any(cell.startswith("=") for cell in raw.cells):
            raise FileRefused(
                _(
                    "Line %(line)s holds a formula (a cell starting with “=”). Formulas are not imported: "
                    "paste the values instead."
                )
                % {"line": raw.line}
            )
        cells = {key: value for key, value in zip(keys, raw.cells, strict=False) if key}
        rows.append(Row(raw.line, cells))
    if not rows:
        raise FileRefused(_("The file has a header line but no rows under it."))
    return rows


def _errors(kind: ImportKind, outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [
        {"line": o.line, "column": _label(kind.column(key), key), "message": message}
        for o in outcomes
        for key, message in o.errors
    ]


def _count(batch: ImportBatch, outcomes: list[Outcome]) -> None:
    batch.rows = len(outcomes)
    batch.created = sum(o.action == CREATE for o in outcomes)
    batch.updated = sum(o.action == UPDATE for o in outcomes)
    batch.unchanged = sum(o.action == UNCHANGED for o in outcomes)
    batch.preview = [[o.line, o.action, o.label, "、".join(o.changes)] for o in outcomes[:PREVIEW_ROWS]]


def _plan(kind: ImportKind, data: bytes, by: User) -> tuple[list[Outcome], list[dict[str, Any]]]:
    try:
        outcomes = kind.plan(_rows(kind, data), by)
    except FileRefused as refused:
        return [], [{"line": None, "column": "", "message": refused.message}]
    return outcomes, _errors(kind, outcomes)


def import_preview(
    *, kind: str, file: bytes | str | Path | IO[bytes], by: User, file_name: str = ""
) -> ImportResult:
    """Read the file and plan every row without writing any record; keep the batch with its file."""
    import_kind_ = kind_for(kind, by)
    try:
        data, name = _read(file)
    except FileRefused as refused:
        data, name = b"", file_name or "import"
        outcomes, errors = [], [{"line": None, "column": "", "message": refused.message}]
    else:
        outcomes, errors = _plan(import_kind_, data, by)
    batch = ImportBatch(
        kind=import_kind_.key,
        file_name=(file_name or name)[:200],
        file_path=file_store(file=ContentFile(data), extension=Path(file_name or name).suffix[:10].lower()),
        file_sha256=hashlib.sha256(data).hexdigest(),
        errors=errors,
        run_by=by,
    )
    _count(batch, outcomes)
    batch.save()
    return ImportResult(batch, outcomes)


@transaction.atomic
def import_confirm(*, batch: ImportBatch, by: User) -> ImportResult:
    """Import a previewed batch: its kept file is planned again (the database may have changed since) and
    written in this one transaction; any error now refuses it all and writes nothing."""
    kind = kind_for(batch.kind, by)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise DomainError(_("This file was already imported."))
    with document_storage().open(batch.file_path, "rb") as handle:
        data = handle.read()
    outcomes, errors = _plan(kind, data, by)
    if errors:
        raise ImportRefused(
            _("Nothing was imported: %(count)s problems were found; correct the file and upload it again.")
            % {"count": len(errors)},
            result=ImportResult(batch, outcomes),
        )
    return _commit(kind, batch, outcomes, by)


def _commit(kind: ImportKind, batch: ImportBatch, outcomes: list[Outcome], by: User) -> ImportResult:
    """Write the planned rows; every tracked row written carries the batch in its audit-trail context."""
    to_write = [o for o in outcomes if o.action in (CREATE, UPDATE)]
    if to_write:  # a file that changes nothing writes nothing
        with pghistory.context(user=getattr(by, "pk", None), import_batch=batch.pk, import_kind=kind.key):
            kind.write(to_write, by)
    ImportBatch.LIFECYCLE.move(batch, ImportBatch.Status.COMMITTED)
    _count(batch, outcomes)
    batch.committed_at = timezone.now()
    batch.save()
    return ImportResult(batch, outcomes)


def import_run(
    kind: str, file: bytes | str | Path | IO[bytes], *, by: User, commit: bool, file_name: str = ""
) -> ImportResult:
    """Preview, and with ``commit`` import when clean; refused rows raise ImportRefused, nothing written."""
    if not commit:
        return import_preview(kind=kind, file=file, by=by, file_name=file_name)
    with transaction.atomic():  # planned and written in one transaction: nothing changes in between
        result = import_preview(kind=kind, file=file, by=by, file_name=file_name)
        if result.ok:
            return _commit(kind_for(kind, by), result.batch, result.outcomes, by)
    raise ImportRefused(
        _("Nothing was imported: %(count)s problems were found; correct the file and upload it again.")
        % {"count": len(result.batch.errors)},
        result=result,
    )


__all__ = ["ERROR", "ImportRefused", "ImportResult", "import_confirm", "import_preview", "import_run"]
