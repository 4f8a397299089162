"""`manage.py documents_move_storage --to s3`: every file of the disk copied to the object store (a real
SeaweedFS) under the same name, each copy's SHA-256 checked; run again, it copies nothing more."""

import hashlib
import io
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.storage import PrivateS3Storage, storage_sha256
from documents.storage_move import storage_named
from tests.documents.factories import PDF_BYTES, DocumentFactory


@pytest.fixture
def both_storages(settings, object_store, tenant):
    """The disk (the test's DOCUMENT_ROOT) holding three documents and a kept upload, and an empty prefix of
    the bucket as the object store."""
    settings.DOCUMENT_STORAGE_BACKENDS = {
        **settings.DOCUMENT_STORAGE_BACKENDS,
        "s3": object_store.storage(location=f"t-{uuid.uuid4().hex}"),
    }
    documents = [DocumentFactory(tenant=tenant, content=PDF_BYTES + bytes([n])) for n in range(3)]
    disk = storage_named("local")
    disk.save("pending/20261207/kept", io.BytesIO(b"a kept upload"))
    return documents, disk, storage_named("s3")


def _move(*args: str) -> str:
    out = io.StringIO()
    call_command("documents_move_storage", *args, stdout=out)
    return out.getvalue()


def test_move_copies_every_file_with_its_sha256(both_storages):
    documents, disk, s3 = both_storages
    # when
    said = _move("--to", "s3")
    # then
    assert "local → s3: 4 copied, 0 already there, 0 failed." in said
    for document in documents:
        assert storage_sha256(s3, document.file_path) == document.sha256
    with s3.open("pending/20261207/kept", "rb") as handle:
        assert handle.read() == b"a kept upload"
    assert all(disk.exists(document.file_path) for document in documents)  # the source stays as it was


def test_move_run_again_copies_nothing_more(both_storages):
    documents, disk, s3 = both_storages
    _move("--to", "s3")
    # given: one more file on the disk since
    late = DocumentFactory(tenant=documents[0].tenant, content=PDF_BYTES + b"late")
    # when
    said = _move("--to", "s3")
    # then
    assert "1 copied, 4 already there, 0 failed." in said
    assert storage_sha256(s3, late.file_path) == hashlib.sha256(PDF_BYTES + b"late").hexdigest()


def test_move_never_overwrites_a_different_file_in_the_target(both_storages):
    documents, disk, s3 = both_storages
    s3.save(documents[0].file_path, io.BytesIO(b"something else"))
    # when / then: the other files are copied, this one is reported and left alone
    with pytest.raises(CommandError) as refused:
        _move("--to", "s3")
    assert documents[0].file_path in str(refused.value)
    with s3.open(documents[0].file_path, "rb") as handle:
        assert handle.read() == b"something else"
    assert storage_sha256(s3, documents[1].file_path) == documents[1].sha256


def test_move_deletes_a_copy_that_reads_back_different(both_storages, monkeypatch):
    documents, disk, s3 = both_storages
    # given: the target corrupts what it receives
    from documents import storage_move

    real = storage_move.storage_sha256

    def corrupted(storage, name):
        return "0" * 64 if isinstance(storage, PrivateS3Storage) else real(storage, name)

    monkeypatch.setattr(storage_move, "storage_sha256", corrupted)
    # when / then
    with pytest.raises(CommandError) as refused:
        _move("--to", "s3")
    assert "differs from the original" in str(refused.value)
    assert not any(s3.exists(document.file_path) for document in documents)


def test_move_back_to_the_disk(both_storages, settings, tmp_path):
    documents, disk, s3 = both_storages
    _move("--to", "s3")
    settings.DOCUMENT_ROOT = tmp_path / "restored"
    # when
    said = _move("--to", "local")
    # then
    assert "s3 → local: 4 copied" in said
    assert (tmp_path / "restored" / documents[2].file_path).read_bytes() == PDF_BYTES + bytes([2])


def test_move_refuses_to_start_when_the_target_does_not_answer(both_storages, settings, object_store):
    settings.DOCUMENT_STORAGE_BACKENDS = {
        **settings.DOCUMENT_STORAGE_BACKENDS,
        "s3": object_store.storage(bucket_name="no-such-bucket"),
    }
    with pytest.raises(CommandError) as refused:
        _move("--to", "s3")
    assert "'no-such-bucket' does not exist" in str(refused.value)
