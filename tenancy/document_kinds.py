"""The kinds of documents tenancy files (licences, ID copies, the tenant's papers) and prints (the tenant
card, the admission notice), and the dossier sections they open; registered with documents at start-up."""

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Section, kinds_register, sections_register

IDENTITY = Section("identity", _("Identity and licence"), order=10)
AGREEMENTS = Section("agreements", _("Agreements"), order=20)

# Licence scans and identity copies are confidential whatever the uploader says; they carry an expiry date
# (reminded of before they lapse) and are removed a few years after the move-out.
BUSINESS_LICENCE = DocumentKind(
    "business_licence",
    _("Business licence"),
    section=IDENTITY.key,
    confidential=True,
    expiring=True,
    retention_years=5,
)
ID_COPY = DocumentKind(
    "id_copy", _("ID copy"), section=IDENTITY.key, confidential=True, expiring=True, retention_years=3
)
AUTHORISATION_LETTER = DocumentKind(
    "authorisation_letter", _("Authorisation letter"), section=IDENTITY.key, expiring=True, retention_years=3
)
FINANCIAL_STATEMENT = DocumentKind("financial_statement", _("Financial statement"), section=IDENTITY.key)
MANAGEMENT_AGREEMENT = DocumentKind("management_agreement", _("Management agreement"), section=AGREEMENTS.key)
PARKING_RECORD = DocumentKind("parking_record", _("Parking record"), section=AGREEMENTS.key)
# The tenant card is internal; the admission notice is written for the applicant.
TENANT_CARD = DocumentKind(
    "tenant_card", _("Tenant card"), section=IDENTITY.key, rendered=True, tenant_visible=False
)
ADMISSION_NOTICE = DocumentKind(
    "admission_notice", _("Admission notice"), section=AGREEMENTS.key, rendered=True
)

KINDS = (
    BUSINESS_LICENCE,
    ID_COPY,
    FINANCIAL_STATEMENT,
    AUTHORISATION_LETTER,
    MANAGEMENT_AGREEMENT,
    PARKING_RECORD,
    TENANT_CARD,
    ADMISSION_NOTICE,
)


def register() -> None:
    sections_register(IDENTITY, AGREEMENTS)
    kinds_register(*KINDS)
