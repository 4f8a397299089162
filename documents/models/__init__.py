"""Documents' models: the files and notices (``files``, a notice's versions in other languages in
``notice_versions``), and the archive kept about them (``archive``)."""

from .api import ApiKey, Scope, TenantToken, WebhookDelivery, WebhookEndpoint, WebhookEvent
from .archive import DossierArchive, DownloadRecord, ExpiryReminder, FixityCheck, RetentionRemoval
from .files import SEARCH_VECTOR, Document, DocumentSequence, Notice, NoticeRead, Signature
from .imports import ImportBatch
from .mailings import ReportMailing
from .notice_versions import NoticeVersion

__all__ = [
    "ApiKey",
    "Scope",
    "TenantToken",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "SEARCH_VECTOR",
    "Document",
    "DocumentSequence",
    "DossierArchive",
    "DownloadRecord",
    "ExpiryReminder",
    "FixityCheck",
    "ImportBatch",
    "Notice",
    "NoticeRead",
    "NoticeVersion",
    "ReportMailing",
    "RetentionRemoval",
    "Signature",
]
