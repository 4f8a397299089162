"""Is the document storage usable? Asked at start-up (a system check: ``manage.py check``, ``migrate``,
``runserver``, ``check --deploy``), by ``/healthz`` on every probe, and answered on the page when the object
store fails in the middle of a request.

A misconfigured store is an error said in words (which setting, which bucket, which endpoint); nothing ever
falls back to the local disk, where the other machines would not find the files.
"""

import logging
import os
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
from django.core.checks import CheckMessage, Error, register
from django.core.files.storage import FileSystemStorage, Storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .storage import PrivateS3Storage, document_storage

logger = logging.getLogger(__name__)


def _s3_problems(storage: PrivateS3Storage) -> list[str]:
    endpoint = storage.endpoint_url or "AWS S3"
    if not storage.bucket_name:
        return ["DOCUMENT_S3_BUCKET is not set: name the bucket that holds the document files."]
    try:
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    except NoCredentialsError:
        return [
            f"No credentials for the object store at {endpoint}: set DOCUMENT_S3_ACCESS_KEY_ID and "
            "DOCUMENT_S3_SECRET_ACCESS_KEY."
        ]
    except ClientError as error:
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 404:
            return [f"The bucket {storage.bucket_name!r} does not exist at {endpoint} (DOCUMENT_S3_BUCKET)."]
        if status in (401, 403):
            return [
                f"The object store at {endpoint} refuses the credentials for bucket {storage.bucket_name!r} "
                f"(HTTP {status}): check DOCUMENT_S3_ACCESS_KEY_ID and DOCUMENT_S3_SECRET_ACCESS_KEY."
            ]
        return [f"The object store at {endpoint} answers with an error for {storage.bucket_name!r}: {error}"]
    except (BotoCoreError, ValueError) as error:
        return [f"The object store at {endpoint} cannot be reached (DOCUMENT_S3_ENDPOINT_URL): {error}"]
    return []


def _disk_problems(storage: FileSystemStorage) -> list[str]:
    location = storage.location
    if os.path.exists(location) and not os.path.isdir(location):
        return [f"DOCUMENT_ROOT {location} is not a folder."]
    existing = location
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.access(existing, os.W_OK | os.X_OK):
        return [f"DOCUMENT_ROOT {location} cannot be written by this process (user {os.getuid()})."]
    return []


def storage_problems(storage: Storage | None = None) -> list[str]:
    """What keeps the storage from holding documents, in words for the operator ([] when it works)."""
    storage = storage or document_storage()
    if isinstance(storage, PrivateS3Storage):
        return _s3_problems(storage)
    if isinstance(storage, FileSystemStorage):
        return _disk_problems(storage)
    return []


@register("documents", "storage")
def document_storage_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Start-up: the configured document storage answers (the object store: endpoint, credentials, bucket)."""
    return [
        Error(problem, hint='See README.md, "Files on object storage".', id="documents.E001")
        for problem in storage_problems()
    ]


class StorageFailureMiddleware:
    """A request the object store fails (unreachable, refusing) gets a page saying so (503), or the API's
    error body, not a bare 500; the error is logged in full for the operator."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, BotoCoreError | ClientError):
            return None
        logger.error("the document store failed on %s", request.path, exc_info=exception)
        if request.path.startswith("/api/"):  # the API's one error body (documents.api.errors)
            message = _("The document store does not answer. Please try again in a few minutes.")
            error = {"status": 503, "code": "storage_unavailable", "message": message, "fields": {}}
            return JsonResponse({"error": error}, status=503)
        return render(request, "documents/storage_unavailable.html", status=503)
