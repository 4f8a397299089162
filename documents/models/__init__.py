"""Documents' models: the files and notices (``files``), and the archive kept about them (``archive``)."""

from .archive import DossierArchive, DownloadRecord, ExpiryReminder, FixityCheck, RetentionRemoval
from .files import SEARCH_VECTOR, Document, DocumentSequence, Notice, Signature

__all__ = [
    "SEARCH_VECTOR",
    "Document",
    "DocumentSequence",
    "DossierArchive",
    "DownloadRecord",
    "ExpiryReminder",
    "FixityCheck",
    "Notice",
    "RetentionRemoval",
    "Signature",
]
