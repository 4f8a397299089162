"""Uploads that survive a failed submit.

A file chosen on a form that comes back with errors is kept in a pending area of the document storage, named
by a signed token in a hidden field, tied to the form's key; the next post files it without choosing it again.
A kept file expires after ``MAX_AGE``; expired files are removed when the next one is kept.
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.files import File
from django.utils import timezone

from documents.storage import document_storage

SALT = "tenancy.intake.pending-upload"
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


class KeepsUploads:
    """Form mixin: files chosen on a post that fails are kept and shown as kept; a kept file stands in for its
    field until another is chosen. Call ``keep_uploads_init()`` at the end of ``__init__``."""

    kept_fields: tuple[str, ...] = ()
    scope_field = "form_key"

    def keep_uploads_init(self: Any) -> None:
        self._kept: dict[str, Kept] = {}
        self._kept_gone: dict[str, str] = {}
        if not self.is_bound:
            return
        files = self.files.copy()
        for name in self.kept_fields:
            token = self.data.get(self.add_prefix(kept_name(name)))
            if name not in self.fields or files.get(self.add_prefix(name)) or not token:
                continue
            try:
                opened = pending_open(token=token, field=name, scope=self._upload_scope())
            except PendingGone as gone:
                self._kept_gone[name] = gone.filename
                continue
            if opened is not None:
                files[self.add_prefix(name)], self._kept[name] = opened
        self.files = files

    def _upload_scope(self: Any) -> str:
        return str(self.data.get(self.add_prefix(self.scope_field)) or "")

    def kept_gone(self) -> dict[str, str]:
        """Fields whose kept file expired, with the file's name (the form shows the error at the field)."""
        return self._kept_gone

    @property
    def kept_uploads(self: Any) -> dict[str, Kept]:
        """After a failed post: every valid file of the post, kept, by field (computed once, when shown)."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return {}
        for name in self.kept_fields:
            file = self.cleaned_data.get(name)
            if name in self._kept or not file or self.has_error(name):
                continue
            self._kept[name] = pending_store(file=file, field=name, scope=self._upload_scope())
        return {name: kept for name, kept in self._kept.items() if not self.has_error(name)}
