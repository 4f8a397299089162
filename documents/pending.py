"""Uploads that survive a failed submit.

A file chosen on a form that comes back with errors is kept in a pending area of the document storage, named
by a signed token in a hidden field, tied to the field and the form (its key, or its kind); the next post
files it without choosing it again. A field taking several files keeps each of them. A kept file expires after
``MAX_AGE``; expired files are removed when the next one is kept.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from .storage import document_storage

SALT = "tenancy.intake.pending-upload"  # unchanged when the module moved: tokens already shown stay good
MAX_AGE = dt.timedelta(hours=24)
FOLDER = "pending"
KEPT_SUFFIX = "__kept"


@dataclass(frozen=True)
class Kept:
    """A kept upload as the page shows it: the token for the hidden field and the name the user chose."""

    token: str
    filename: str


class PendingGone(Exception):
    """The token is genuine but its file expired (or was removed): the user must choose the file again."""

    def __init__(self, filename: str) -> None:
        super().__init__(filename)
        self.filename = filename


def kept_name(field: str) -> str:
    """The hidden field that carries a kept file's token."""
    return f"{field}{KEPT_SUFFIX}"


def pending_store(*, file: File, field: str, scope: str) -> Kept:
    """Keep a checked upload for ``MAX_AGE`` under a random name; its token names it, the field, the form."""
    _purge_expired()
    today = timezone.localdate()
    file.seek(0)
    path = document_storage().save(f"{FOLDER}/{today:%Y%m%d}/{uuid.uuid4().hex}", file)
    filename = (file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    payload = {"p": path, "n": filename, "f": field, "s": scope}
    return Kept(token=signing.dumps(payload, salt=SALT), filename=filename)


def pending_open(*, token: str, field: str, scope: str) -> tuple[File, Kept] | None:
    """The kept file a token names, opened (None for a token not made for this field of this form).

    Raises ``PendingGone`` when the token is genuine but the file is too old or no longer there.
    """
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("f") != field or payload.get("s") != scope:
        return None
    filename = str(payload.get("n") or "")
    storage = document_storage()
    try:
        signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise PendingGone(filename) from None
    if not storage.exists(payload["p"]):
        raise PendingGone(filename)
    file = storage.open(payload["p"], "rb")
    file.name = filename
    return file, Kept(token=token, filename=filename)


def _purge_expired() -> None:
    """Remove the pending files of days older than ``MAX_AGE`` allows (one folder per day)."""
    storage = document_storage()
    oldest = (timezone.now() - MAX_AGE - dt.timedelta(days=1)).date()
    try:
        days, _files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for day in days:
        if day.isdigit() and day < f"{oldest:%Y%m%d}":
            for name in storage.listdir(f"{FOLDER}/{day}")[1]:
                storage.delete(f"{FOLDER}/{day}/{name}")


def _getlist(data: Any, key: str) -> list[Any]:
    if hasattr(data, "getlist"):
        return [value for value in data.getlist(key) if value]
    value = data.get(key)
    return [value] if value else []


class KeepsUploads:
    """Form mixin: files chosen on a post that fails are kept and shown as kept; the kept files stand in for
    their field until others are chosen. Call ``keep_uploads_init()`` at the end of ``__init__``.

    A kept token is good only for its field of the same form: the form's key when ``scope_field`` names one,
    else ``upload_scope`` (the form's kind, plus whatever the view narrows it to, e.g. the tenant).
    """

    kept_fields: tuple[str, ...] = ()
    scope_field: str | None = None
    upload_scope: str = ""

    def keep_uploads_init(self: Any) -> None:
        self._kept: dict[str, list[Kept]] = {}
        self._kept_gone: dict[str, list[str]] = {}
        if not self.is_bound:
            return
        files = self.files.copy()
        for name in self.kept_fields:
            key = self.add_prefix(name)
            tokens = _getlist(self.data, self.add_prefix(kept_name(name)))
            if name not in self.fields or _getlist(files, key) or not tokens:
                continue
            opened = self._open_kept(name, tokens)
            if opened:
                self._kept[name] = [kept for _file, kept in opened]
                if hasattr(files, "setlist"):
                    files.setlist(key, [file for file, _kept in opened])
                else:
                    files[key] = opened[-1][0]
        self.files = files

    def _open_kept(self: Any, name: str, tokens: list[str]) -> list[tuple[File, Kept]]:
        opened = []
        for token in tokens:
            try:
                found = pending_open(token=token, field=name, scope=self._upload_scope())
            except PendingGone as gone:
                self._kept_gone.setdefault(name, []).append(gone.filename)
                continue
            if found is not None:
                opened.append(found)
        return opened

    def _upload_scope(self: Any) -> str:
        if self.scope_field:
            return str(self.data.get(self.add_prefix(self.scope_field)) or "")
        return f"{type(self).__name__}:{self.upload_scope}"

    def kept_gone(self) -> dict[str, list[str]]:
        """Fields whose kept files expired, with the files' names (the form shows the error at the field)."""
        return self._kept_gone

    def clean(self: Any) -> dict[str, Any]:
        """A kept file that expired is asked for again at its field (forms call ``super().clean()``)."""
        data = super().clean()  # type: ignore[misc]
        for name, filenames in self._kept_gone.items():
            for filename in filenames:
                message = _("The file %(name)s chosen earlier has expired. Please choose it again.")
                self.add_error(name, message % {"name": filename})
        return data

    @property
    def kept_uploads(self: Any) -> dict[str, list[Kept]]:
        """After a failed post: every valid file of the post, kept, by field (computed once, when shown)."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return {}
        for name in self.kept_fields:
            value = self.cleaned_data.get(name)
            files = [f for f in (value if isinstance(value, list | tuple) else [value]) if f]
            if name in self._kept or not files or self.has_error(name):
                continue
            scope = self._upload_scope()
            self._kept[name] = [pending_store(file=file, field=name, scope=scope) for file in files]
        return {name: kept for name, kept in self._kept.items() if not self.has_error(name)}
