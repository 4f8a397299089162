"""Read side of the dossier: a constant number of queries however many documents a tenant has."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import AnyUser
from documents.kinds import SIGNATURE_IMAGE, sections_all
from documents.models import (
    Document,
    DossierArchive,
    DownloadRecord,
    FixityCheck,
    Notice,
    RetentionRemoval,
    Signature,
)
from documents.reminders import expiring_documents
from documents.scoping import documents_in_scope
from handover.document_kinds import FIRE_SAFETY_AGREEMENT, KEY_SHEET, MOVE_IN_MANAGEMENT_AGREEMENT
from leasing.document_kinds import LEASE_SUMMARY

from ..access import can_see_confidential
from ..document_kinds import BUSINESS_LICENCE, ID_COPY, MANAGEMENT_AGREEMENT, PARKING_RECORD
from ..intake import selectors as intake_selectors
from ..models import Tenant

# What a complete file holds (DOMAIN.md §3.6): label, the kinds that satisfy it (none: the tenant's contacts),
# whether only companies need it.
CHECKLIST: tuple[tuple[Promise, tuple[str, ...], bool], ...] = (
    (gettext_lazy("ID copies"), (ID_COPY,), False),
    (gettext_lazy("Business licence"), (BUSINESS_LICENCE,), True),
    # Signed on screen at move-in (handover's agreement sheets), or a scan of one signed on paper.
    (
        gettext_lazy("Management agreement"),
        (MANAGEMENT_AGREEMENT, MOVE_IN_MANAGEMENT_AGREEMENT),
        False,
    ),
    (gettext_lazy("Fire-safety responsibility agreement"), (FIRE_SAFETY_AGREEMENT,), False),
    (gettext_lazy("Contacts"), (), False),
    (gettext_lazy("Lease"), (LEASE_SUMMARY,), False),
    (gettext_lazy("Parking record"), (PARKING_RECORD,), False),
    (gettext_lazy("Signed key handover sheet"), (KEY_SHEET,), False),
)


@dataclass
class ChecklistItem:
    label: Any
    present: bool


@dataclass
class Section:
    group: str
    label: Any
    documents: list[Document] = field(default_factory=list)


@dataclass
class Dossier:
    tenant: Tenant
    archive: DossierArchive | None
    sections: list[Section]
    checklist: list[ChecklistItem]
    expiring: list[Document]
    notices: list[Notice]

    @property
    def document_count(self) -> int:
        return sum(len(section.documents) for section in self.sections)

    @property
    def missing(self) -> list[ChecklistItem]:
        return [item for item in self.checklist if not item.present]


def dossier_documents(tenant: Tenant, user: AnyUser | None = None) -> list[Document]:
    """The tenant's documents of the user's buildings (drawn signature pictures and uploads waiting for their
    removal left out), newest first, each with ``signers``."""
    documents = list(
        documents_in_scope(Document.objects.filter(tenant=tenant), user)
        .exclude(kind=SIGNATURE_IMAGE)
        .exclude(quarantined_at__isnull=False, removed_at__isnull=True)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )
    signers = _signers(documents)
    # Licences filed with an application before expiry dates were kept on documents: the application's date.
    from_applications = intake_selectors.document_expiry(tenant.pk)
    for document in documents:
        document.signers = signers.get(document.pk, [])
        document.expires_on = document.expires_on or from_applications.get(document.pk)
    return documents


def _signers(documents: list[Document]) -> dict[int, list[Signature]]:
    """Signatures on each document: on the file itself, or on the record the file was rendered from.

    A record's signatures belong to the form rendered from it, never to a photo or scan uploaded about the
    same record (a meter sheet carries photos of its meters, and they are not what was signed).
    """
    by_record: dict[tuple[int, int], int] = {
        (d.about_type_id, d.about_id): d.pk
        for d in documents
        if d.about_type_id and d.about_id and d.is_rendered
    }
    about = defaultdict(list)
    for type_id, record_id in by_record:
        about[type_id].append(record_id)
    condition = Q(document_id__in=[d.pk for d in documents])
    for type_id, ids in about.items():
        condition |= Q(about_type_id=type_id, about_id__in=ids)
    result: dict[int, list[Signature]] = defaultdict(list)
    for signature in Signature.objects.filter(condition).order_by("signed_at", "pk"):
        pk = signature.document_id or by_record.get((signature.about_type_id, signature.about_id))
        if pk is not None:
            result[pk].append(signature)
    return result


def _sections(documents: list[Document]) -> list[Section]:
    sections = {section.key: Section(section.key, section.label) for section in sections_all()}
    for document in documents:
        sections[document.group].documents.append(document)
    return list(sections.values())


def _checklist(tenant: Tenant, documents: list[Document], has_contacts: bool) -> list[ChecklistItem]:
    kinds = {document.kind for document in documents if document.removed_at is None}
    return [
        ChecklistItem(label, bool(kinds & set(needed)) if needed else has_contacts)
        for label, needed, companies_only in CHECKLIST
        if not companies_only or tenant.kind == Tenant.Kind.COMPANY
    ]


def dossier_for(tenant: Tenant, *, today: date, user: AnyUser | None = None) -> Dossier:
    """Everything the dossier page shows about one tenant (its documents of the user's buildings)."""
    documents = dossier_documents(tenant, user)
    archive = DossierArchive.objects.filter(tenant=tenant).select_related("archived_by").first()
    expiring = (
        []
        if archive
        else list(documents_in_scope(expiring_documents(today=today), user).filter(tenant=tenant))
    )
    notices = list(Notice.objects.filter(tenant=tenant).select_related("attachment").order_by("-created_at"))
    return Dossier(
        tenant=tenant,
        archive=archive,
        sections=_sections(documents),
        checklist=_checklist(tenant, documents, tenant.contacts.exists()),
        expiring=expiring,
        notices=notices,
    )


def may_open(document: Document, user: AnyUser) -> bool:
    return not document.confidential or can_see_confidential(user)


# --- the archive registers --------------------------------------------------------------------------------


def fixity_problems() -> QuerySet[Document]:
    """Files whose latest nightly check found them changed or missing, with their tenant."""
    return (
        Document.objects.filter(fixity_failed_at__isnull=False)
        .select_related("tenant")
        .order_by("-fixity_failed_at", "pk")
    )


def fixity_recent_checks() -> QuerySet[FixityCheck]:
    return FixityCheck.objects.select_related("document__tenant").order_by("-checked_at", "-pk")


def retention_removals() -> QuerySet[RetentionRemoval]:
    return RetentionRemoval.objects.select_related("tenant").order_by("-removed_at", "-pk")


def download_records() -> QuerySet[DownloadRecord]:
    return DownloadRecord.objects.select_related("document__tenant", "user").order_by("-downloaded_at", "-pk")


def dashboard_counts() -> dict[str, QuerySet]:
    """Archived files failing their fixity check (a count over a small partial index)."""
    return {"failing": Document.objects.filter(fixity_failed_at__isnull=False)}


def dashboard_cards(counts: Mapping[str, int]) -> list[dict]:
    """One card: archived files failing their fixity check."""
    failing = counts["failing"]
    return [
        {
            "label": _("Archived files failing the fixity check"),
            "value": failing,
            "url": reverse("archive:fixity"),
            "icon": "shield-exclamation" if failing else "shield-check",
        }
    ]
