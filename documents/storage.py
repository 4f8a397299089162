"""Where document files live: the ``documents`` storage of ``settings.STORAGES``, with no public URL.

``DOCUMENT_STORAGE`` chooses the backend: ``local`` (the disk under ``DOCUMENT_ROOT``, the default) or ``s3``
(an S3-compatible object store, the ``DOCUMENT_S3_*`` settings). Files are stored under fresh random names and
never overwritten; the only way out is a download view that checks who asks. Reading for a download or a hash
streams the file in chunks: nothing here holds a whole file in memory.
"""

import hashlib
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, cast

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils import timezone
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

CHUNK = 64 * 1024
STORAGE_ALIAS = "documents"
# What a storage raises when it cannot be reached or refuses (the disk: OSError; the object store: botocore).
STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError, BotoCoreError, ClientError)


class Stream(Protocol):
    """A stored file opened for reading in chunks, with its size when the storage tells it."""

    size: int | None

    def read(self, amount: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class DocumentStorage(Protocol):
    """What every documents backend offers besides Django's storage API."""

    def open_stream(self, name: str) -> Stream: ...


class PrivateStorage(FileSystemStorage):
    """The local disk under ``DOCUMENT_ROOT`` (read at each use, so a changed setting is honoured), no URL."""

    def __init__(self, location: str | None = None, **options: Any) -> None:
        super().__init__(location=location, base_url=None, **options)

    @property
    def base_location(self) -> str:
        return str(self._value_or_setting(self._location, settings.DOCUMENT_ROOT))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Document files have no public URL; link to documents:download instead.")

    def open_stream(self, name: str) -> Stream:
        handle = self.open(name, "rb")
        return cast(Stream, handle)


class _ObjectStream:
    """The body of an S3 GET, read as the client asks for it (never downloaded whole first)."""

    def __init__(self, body: Any, size: int | None, name: str) -> None:
        self._body, self.size, self.name = body, size, name

    def read(self, amount: int = -1, /) -> bytes:
        return bytes(self._body.read(None if amount is None or amount < 0 else amount))

    def close(self) -> None:
        self._body.close()

    def __enter__(self) -> "_ObjectStream":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# boto3 resources are not safe to share between threads: one set per thread.
_shared = threading.local()


class PrivateS3Storage(S3Storage):
    """An S3-compatible object store (AWS, SeaweedFS, MinIO...): private objects, never overwritten, no URL.

    Timeouts are short, so an unreachable endpoint fails a request with a clear error instead of hanging it.
    A file opened with ``open`` (uploads, PDFs) spills to a temporary file beyond 1 MiB.
    """

    def get_default_settings(self) -> dict[str, Any]:
        defaults: dict[str, Any] = super().get_default_settings()
        defaults.update(
            file_overwrite=False,
            default_acl=None,
            querystring_auth=True,
            max_memory_size=1024 * 1024,
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=60,
        )
        return defaults

    def __init__(self, **options: Any) -> None:
        self.connect_timeout = options.pop("connect_timeout", 5)
        self.read_timeout = options.pop("read_timeout", 60)
        super().__init__(**options)
        self.client_config = Config(
            s3={"addressing_style": self.addressing_style or "path"},
            signature_version=self.signature_version,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            retries={"max_attempts": 2, "mode": "standard"},
        )

    @property
    def connection(self) -> Any:
        """The boto3 resource, shared per thread by every storage with the same endpoint and key (building one
        costs a third of a second; tests build a storage for each test)."""
        if not (self.access_key and self.secret_key):  # credentials boto3 finds itself: resolved per storage
            return super().connection
        key = (self.endpoint_url, self.access_key, self.secret_key, self.region_name, self.addressing_style,
               self.connect_timeout, self.read_timeout, self.use_ssl, self.verify)  # fmt: skip
        resources = _shared.__dict__.setdefault("resources", {})
        if key not in resources:
            resources[key] = self._create_session().resource(
                "s3",
                region_name=self.region_name,
                use_ssl=self.use_ssl,
                endpoint_url=self.endpoint_url,
                config=self.client_config,
                verify=self.verify,
            )
        return resources[key]

    def url(self, name: str | None, *args: Any, **kwargs: Any) -> str:
        raise NotImplementedError("Document files have no public URL; link to documents:download instead.")

    def key(self, name: str) -> str:
        """The object key of a stored name (the configured prefix included)."""
        return str(self._normalize_name(clean_name(name)))

    def open_stream(self, name: str) -> Stream:
        client = self.connection.meta.client
        try:
            answer = client.get_object(Bucket=self.bucket_name, Key=self.key(name))
        except ClientError as error:
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise
        return _ObjectStream(answer["Body"], answer.get("ContentLength"), name)


def document_storage() -> Storage:
    """The storage of document files (``STORAGES["documents"]``)."""
    return storages[STORAGE_ALIAS]


def file_stream(path: str) -> Stream:
    """The stored file opened for reading in chunks (``FileNotFoundError`` when it is not there)."""
    return cast(DocumentStorage, document_storage()).open_stream(path)


def stream_chunks(stream: Stream, size: int = CHUNK) -> Iterator[bytes]:
    return iter(lambda: stream.read(size), b"")


def sha256_of_chunks(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def file_store(*, file: File, extension: str) -> str:
    """Save the file under a new random name (``2026/05/<uuid>.pdf``); return its name in the storage."""
    today = timezone.localdate()
    name = f"{today:%Y}/{today:%m}/{uuid.uuid4().hex}{extension}"
    file.seek(0)
    return document_storage().save(name, file)


def storage_sha256(storage: Storage, path: str) -> str | None:
    """The SHA-256 of a file of ``storage`` as stored now (read in chunks), or None when it is missing."""
    try:
        stream = cast(DocumentStorage, storage).open_stream(path)
    except FileNotFoundError:
        return None
    try:
        return sha256_of_chunks(stream_chunks(stream))
    finally:
        stream.close()


def stored_sha256(path: str) -> str | None:
    """The SHA-256 of the document file as it is stored now, or None when it is missing."""
    return storage_sha256(document_storage(), path)
