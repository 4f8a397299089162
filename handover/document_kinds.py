"""The sheets handover prints and has signed at move-in and move-out; the two agreements signed at move-in
are filed with the tenant's agreements. Registered with documents at start-up."""

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Section, kinds_register, sections_register
from tenancy.document_kinds import AGREEMENTS

HANDOVER = Section("handover", _("Handover sheets"), order=40)

KEY_SHEET = DocumentKind("key_sheet", _("Unit key handover sheet"), section=HANDOVER.key, rendered=True)
METER_SHEET = DocumentKind(
    "meter_sheet", _("Meter reading confirmation sheet"), section=HANDOVER.key, rendered=True
)
ACCEPTANCE_SHEET = DocumentKind(
    "acceptance_sheet", _("Unit acceptance and rectification sheet"), section=HANDOVER.key, rendered=True
)
HANDOVER_RECEIPT = DocumentKind(
    "handover_receipt", _("Receipt for the handbook and guides"), section=HANDOVER.key, rendered=True
)
MOVE_OUT_CONFIRMATION = DocumentKind(
    "move_out_confirmation", _("Move-out handover confirmation"), section=HANDOVER.key, rendered=True
)
MOVE_IN_MANAGEMENT_AGREEMENT = DocumentKind(
    "move_in_management_agreement",
    _("Management agreement signed at move-in"),
    section=AGREEMENTS.key,
    rendered=True,
)
FIRE_SAFETY_AGREEMENT = DocumentKind(
    "fire_safety_agreement", _("Fire-safety responsibility agreement"), section=AGREEMENTS.key, rendered=True
)

KINDS = (
    KEY_SHEET,
    METER_SHEET,
    ACCEPTANCE_SHEET,
    HANDOVER_RECEIPT,
    MOVE_OUT_CONFIRMATION,
    MOVE_IN_MANAGEMENT_AGREEMENT,
    FIRE_SAFETY_AGREEMENT,
)


def register() -> None:
    sections_register(HANDOVER)
    kinds_register(*KINDS)
