"""Helpers the handover services share: locking a draft sheet, storing a photo."""

from typing import Any

from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from documents.errors import DomainError
from documents.filetypes import validate_document_file
from documents.kinds import PHOTO
from documents.services import document_upload
from documents.wording import in_tenant_language

from ..document_kinds import (
    ACCEPTANCE_SHEET,
    FIRE_SAFETY_AGREEMENT,
    HANDOVER_RECEIPT,
    KEY_SHEET,
    METER_SHEET,
    MOVE_IN_MANAGEMENT_AGREEMENT,
    MOVE_OUT_CONFIRMATION,
)
from ..models import Sheet, Visit

# The dossier kind each signed sheet is filed as.
SHEET_DOCUMENT_KINDS = {
    Sheet.Kind.KEYS: KEY_SHEET,
    Sheet.Kind.METERS: METER_SHEET,
    Sheet.Kind.ACCEPTANCE: ACCEPTANCE_SHEET,
    Sheet.Kind.RECEIPT: HANDOVER_RECEIPT,
    Sheet.Kind.MANAGEMENT_AGREEMENT: MOVE_IN_MANAGEMENT_AGREEMENT,
    Sheet.Kind.FIRE_SAFETY_AGREEMENT: FIRE_SAFETY_AGREEMENT,
    Sheet.Kind.MOVE_OUT: MOVE_OUT_CONFIRMATION,
}
MSG_FROZEN = gettext_lazy("This sheet is signed and frozen; to change it, start a new version and say why.")


def row_error(index: int, field: str, message: str) -> DomainError:
    """An error at one row of a formset: the view shows it at ``field`` of row ``index``."""
    return DomainError(message, field=f"{index}:{field}")


def sheet_lock_draft(sheet: Sheet) -> Sheet:
    """The sheet, locked, if it is still a draft of an open visit; else a DomainError."""
    sheet = (
        Sheet.objects.select_for_update()
        .select_related("visit__lease", "visit__unit", "visit__tenant")
        .get(pk=sheet.pk)
    )
    if not sheet.is_draft:
        raise DomainError(str(MSG_FROZEN))
    if not sheet.visit.is_open:
        raise DomainError(_("The visit is completed; its sheets can no longer change."))
    return sheet


def visit_lock_open(visit: Visit) -> Visit:
    visit = Visit.objects.select_for_update().select_related("lease", "unit", "tenant").get(pk=visit.pk)
    if not visit.is_open:
        raise DomainError(_("The visit is completed; it can no longer change."))
    return visit


def photo_store(*, photo: File, visit: Visit, about: Any, title: Any, by: User, field: str) -> int:
    """Store a JPEG or PNG photo in the tenant's dossier; anything else is refused at the field. The title
    (a lazy message) is written in the tenant's language, as the dossier is the tenant's: not the clerk's."""
    try:
        file_type = validate_document_file(photo)
    except Exception as error:  # ValidationError: its message is already translated
        raise DomainError(" ".join(getattr(error, "messages", [str(error)])), field=field) from None
    if not file_type.content_type.startswith("image/"):
        raise DomainError(_("The photo must be a JPEG or PNG picture."), field=field)
    with in_tenant_language(visit.tenant):
        title = str(title)
    document = document_upload(file=photo, kind=PHOTO, tenant=visit.tenant, about=about, by=by, title=title)
    return document.pk
