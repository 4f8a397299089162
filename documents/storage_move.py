"""Moving the document files from one storage to another (the disk to the object store, or back).

Every file of the source is copied under the same name, then read back from the target and its SHA-256
compared with the source's; a copy that differs is deleted again and reported. A file already in the target
with the same SHA-256 is left as it is, so the move can be run again after an interruption (or while the old
storage still receives files) and copies only what is missing. A different file under the same name in the
target is never overwritten: it is reported. The source is never changed.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import Storage, storages

from .storage import storage_sha256


@dataclass
class MoveReport:
    copied: int = 0
    already_there: int = 0
    failed: list[str] = field(default_factory=list)


def storage_named(name: str) -> Storage:
    """The storage ``DOCUMENT_STORAGE=name`` would use (``settings.DOCUMENT_STORAGE_BACKENDS``)."""
    return storages.create_storage(settings.DOCUMENT_STORAGE_BACKENDS[name])


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """The name of every file of the storage, folder by folder."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from storage_files(storage, prefix + sub)


def _copy_one(source: Storage, target: Storage, name: str, report: MoveReport) -> None:
    expected = storage_sha256(source, name)
    if expected is None:  # removed from the source since it was listed
        return
    if target.exists(name):
        if storage_sha256(target, name) == expected:
            report.already_there += 1
        else:
            report.failed.append(f"{name}: a different file of that name is in the target (left as is)")
        return
    with source.open(name, "rb") as handle:
        saved = target.save(name, handle)
    if saved != name or storage_sha256(target, name) != expected:
        target.delete(saved)
        report.failed.append(f"{name}: the copy read back differs from the original (removed again)")
        return
    report.copied += 1


def storage_copy(
    *, source: Storage, target: Storage, progress: Callable[[str], None] | None = None
) -> MoveReport:
    """Copy every file of ``source`` into ``target``, verified by SHA-256; idempotent (see the module)."""
    report = MoveReport()
    for name in storage_files(source):
        _copy_one(source, target, name, report)
        if progress is not None:
            progress(name)
    return report
