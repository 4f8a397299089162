"""The object store as the documents storage (a real SeaweedFS): downloads stream from it, and a wrong bucket,
an unreachable endpoint or missing or wrong credentials are said clearly, at start-up, by /healthz and on the
page, never answered from the disk."""

import hashlib
import json
import os
import uuid
from unittest import mock

import pytest
from botocore.exceptions import BotoCoreError, EndpointConnectionError
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import translation

from documents.kinds import OTHER
from documents.models import Document
from documents.services import document_upload
from documents.storage import PrivateS3Storage, document_storage, stored_sha256
from documents.storage_health import StorageFailureMiddleware, storage_problems
from tests.documents.factories import PDF_BYTES, DocumentFactory, upload
from tests.object_store import free_port

BIG = os.urandom(3 * 1024 * 1024 + 17)


@pytest.fixture
def on_s3(settings, object_store):
    """The documents storage is a key prefix of its own in the SeaweedFS bucket."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": object_store.storage(location=f"t-{uuid.uuid4().hex}"),
    }
    return object_store


def _nobody() -> str:  # noqa: N802
    return f"http://127.0.0.1:{free_port()}"  # a free port: nothing listens there


def _store_elsewhere(settings, object_store, **options):
    settings.STORAGES = {**settings.STORAGES, "documents": object_store.storage(**options)}


def test_files_go_to_the_bucket_and_not_to_the_disk(on_s3, document_root, tenant):
    # when
    document = DocumentFactory(tenant=tenant)
    # then: the object is in the bucket under the storage's prefix; nothing was written to the disk
    storage = document_storage()
    assert isinstance(storage, PrivateS3Storage)
    answer = on_s3.client().get_object(Bucket=on_s3.bucket, Key=storage.key(document.file_path))
    assert hashlib.sha256(answer["Body"].read()).hexdigest() == document.sha256
    assert not document_root.exists()


def test_a_download_streams_from_the_object_store_in_chunks(client, on_s3, general_manager, tenant):
    # given: a 3 MB file in the bucket
    document = DocumentFactory(tenant=tenant, content=BIG)
    client.force_login(general_manager)
    # when: downloaded, with django-storages' whole-file open forbidden
    with mock.patch.object(PrivateS3Storage, "_open", side_effect=AssertionError("read whole")):
        response = client.get(reverse("documents:download", args=[document.pk]))
        chunks = list(response.streaming_content)
    # then: many small pieces as read from the store, with the length announced
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(BIG))
    assert len(chunks) > 100 and max(len(chunk) for chunk in chunks) <= response.block_size
    assert b"".join(chunks) == BIG


def test_the_fixity_hash_reads_the_object_in_chunks(on_s3, tenant):
    document = DocumentFactory(tenant=tenant, content=BIG)
    with mock.patch.object(PrivateS3Storage, "_open", side_effect=AssertionError("read whole")):
        assert stored_sha256(document.file_path) == hashlib.sha256(BIG).hexdigest()


def test_a_missing_object_is_404(client, on_s3, general_manager, tenant):
    document = DocumentFactory(tenant=tenant)
    document_storage().delete(document.file_path)
    client.force_login(general_manager)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_the_storage_has_no_public_url(on_s3):
    with pytest.raises(NotImplementedError):
        document_storage().url("2026/05/x.pdf")


def test_a_working_object_store_has_no_problem(on_s3):
    assert storage_problems() == []


def test_a_wrong_bucket_is_said(settings, object_store):
    _store_elsewhere(settings, object_store, bucket_name="no-such-bucket")
    [problem] = storage_problems()
    assert "'no-such-bucket' does not exist" in problem and object_store.endpoint_url in problem


def test_an_unreachable_endpoint_is_said(settings, object_store):
    _store_elsewhere(settings, object_store, endpoint_url=_nobody(), connect_timeout=1)
    [problem] = storage_problems()
    assert "cannot be reached" in problem and "DOCUMENT_S3_ENDPOINT_URL" in problem


def test_wrong_credentials_are_said(settings, object_store):
    _store_elsewhere(settings, object_store, secret_key="not-the-secret")
    [problem] = storage_problems()
    assert "refuses the credentials" in problem and "HTTP 403" in problem


def test_missing_credentials_are_said(settings, object_store, monkeypatch, tmp_path):
    # given: no key in the settings, and none in boto3's environment or files
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    _store_elsewhere(settings, object_store, access_key=None, secret_key=None)
    # when
    [problem] = storage_problems()
    # then
    assert "No credentials" in problem and "DOCUMENT_S3_ACCESS_KEY_ID" in problem


def test_a_missing_bucket_name_is_said(settings, object_store):
    _store_elsewhere(settings, object_store, bucket_name="")
    [problem] = storage_problems()
    assert problem.startswith("DOCUMENT_S3_BUCKET is not set")


def test_the_system_check_stops_start_up_on_a_wrong_bucket(settings, object_store):
    _store_elsewhere(settings, object_store, bucket_name="no-such-bucket")
    with pytest.raises(SystemCheckError) as stopped:
        call_command("check")
    assert "documents.E001" in str(stopped.value) and "no-such-bucket" in str(stopped.value)


def test_the_system_check_passes_on_a_working_store(on_s3):
    call_command("check")


def test_the_system_check_says_when_the_document_root_is_not_a_folder(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "a-file"
    settings.DOCUMENT_ROOT.write_bytes(b"")
    with pytest.raises(SystemCheckError) as stopped:
        call_command("check")
    assert "is not a folder" in str(stopped.value)


@pytest.mark.django_db
def test_healthz_is_503_when_the_object_store_does_not_answer(client, settings, object_store):
    _store_elsewhere(settings, object_store, bucket_name="no-such-bucket")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable: storage"


@pytest.mark.django_db
def test_healthz_is_ok_on_a_working_object_store(client, on_s3):
    assert client.get("/healthz").content == b"ok"


def test_an_upload_the_store_cannot_take_is_kept_nowhere(settings, object_store, tenant, document_root):
    # given: the store does not answer
    _store_elsewhere(settings, object_store, endpoint_url=_nobody(), connect_timeout=1)
    # when / then: the upload fails; no row, and no file on the disk instead
    with pytest.raises(BotoCoreError):
        document_upload(file=upload("licence.pdf", PDF_BYTES), kind=OTHER, tenant=tenant)
    assert not Document.objects.exists()
    assert not document_root.exists()


@pytest.mark.parametrize(
    ("language", "words"), [("en", "The document store does not answer"), ("zh-hans", "文档存储")]
)
def test_a_page_the_object_store_fails_says_so(client, settings, object_store, general_manager, tenant,
                                               language, words):  # fmt: skip
    # given: a stored document, then the store goes away (the endpoint no longer answers)
    _store_elsewhere(settings, object_store, location=f"t-{uuid.uuid4().hex}")
    document = DocumentFactory(tenant=tenant)
    _store_elsewhere(settings, object_store, endpoint_url=_nobody(), connect_timeout=1)
    client.force_login(general_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # when
    with translation.override(language):
        response = client.get(reverse("documents:download", args=[document.pk]))
    # then: a page saying so, not a server error, and nothing from the disk
    assert response.status_code == 503
    assert words in response.content.decode()


def test_an_api_call_the_object_store_fails_gets_the_api_error_body(rf):
    # given: an API request whose view met an unreachable store
    request = rf.get("/api/v1/tenant/bills/1/pdf/")
    failure = EndpointConnectionError(endpoint_url="http://127.0.0.1:1/documents/x.pdf")
    # when
    with translation.override("en"):
        response = StorageFailureMiddleware(lambda request: None).process_exception(request, failure)
    # then
    assert response.status_code == 503
    assert json.loads(response.content)["error"] == {
        "status": 503,
        "code": "storage_unavailable",
        "message": "The document store does not answer. Please try again in a few minutes.",
        "fields": {},
    }
