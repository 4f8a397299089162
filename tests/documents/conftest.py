import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from documents.storage import document_storage
from tests.object_store import ObjectStore, seaweedfs_running

TEST_TEMPLATES = Path(__file__).parent / "templates"

# The modules whose every test runs twice: on the local disk and on a real S3-compatible server (filing,
# download, verification, fixity, retention, archive and removal). The others run on the disk only.
BOTH_BACKENDS = {
    "test_archive",
    "test_download",
    "test_download_records",
    "test_fixity",
    "test_portal_download",
    "test_removal",
    "test_retention",
    "test_uploads",
    "test_verify",
    "test_verify_answers",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_BACKENDS:
        metafunc.parametrize("storage_backend", ["disk", "s3"], indirect=True)


@pytest.fixture(scope="session")
def object_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ObjectStore]:
    """One SeaweedFS per test process (each xdist worker its own), started at the first test that needs it."""
    with seaweedfs_running(tmp_path_factory.mktemp("seaweedfs")) as store:
        yield store


@pytest.fixture
def storage_backend(request: pytest.FixtureRequest) -> str:
    """Where this test's document files go: "disk" (the default) or "s3"."""
    return getattr(request, "param", "disk")


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path, storage_backend, request):
    """Every documents test stores its files in a fresh place of its own: a folder on the disk, or a key
    prefix of its own in the object store's bucket."""
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    if storage_backend == "s3":
        prefix = f"t-{uuid.uuid4().hex}"
        settings.STORAGES = {
            **settings.STORAGES,
            "documents": request.getfixturevalue("object_store").storage(location=prefix),
        }
    return settings.DOCUMENT_ROOT


class StoredFiles:
    """The test's document storage seen from outside the application: what is there, and tampering with it."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def read(self, name: str) -> bytes:
        with self.storage.open(name, "rb") as handle:
            return handle.read()

    def replace(self, name: str, content: bytes) -> None:
        """Change the stored bytes under the same name (as a disk fault or a tamperer would)."""
        self.storage.delete(name)
        assert self.storage.save(name, ContentFile(content)) == name

    def flip_a_byte(self, name: str, at: int = 12) -> None:
        content = bytearray(self.read(name))
        content[at] ^= 0x01
        self.replace(name, bytes(content))

    def delete(self, name: str) -> None:
        self.storage.delete(name)

    def exists(self, name: str) -> bool:
        return self.storage.exists(name)

    def names(self, folder: str = "") -> list[str]:
        """Every stored file's name, in every folder."""
        try:
            folders, files = self.storage.listdir(folder)
        except FileNotFoundError:
            return []
        prefix = f"{folder}/" if folder else ""
        found = [prefix + name for name in files]
        for sub in folders:
            found += self.names(prefix + sub)
        return sorted(found)


@pytest.fixture
def stored_files(document_root) -> StoredFiles:
    return StoredFiles(document_storage())


@pytest.fixture
def print_templates(settings):
    """Adds tests/documents/templates, which holds a sample form extending the print shell."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEST_TEMPLATES]}]
