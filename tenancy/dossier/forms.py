"""The dossier's upload form: kind, title, expiry date (licences and IDs), the file."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.forms import DocumentFileField
from documents.kinds import OTHER, PHOTO, kind_of
from documents.pending import KeepsUploads
from fitout.document_kinds import DRAWING, FIRE_SAFETY_APPROVAL

from ..document_kinds import (
    AUTHORISATION_LETTER,
    BUSINESS_LICENCE,
    FINANCIAL_STATEMENT,
    ID_COPY,
    MANAGEMENT_AGREEMENT,
    PARKING_RECORD,
)

# What staff file by hand; rendered forms (sheets, bills, letters) reach the dossier by themselves.
UPLOAD_KINDS = (
    BUSINESS_LICENCE,
    ID_COPY,
    AUTHORISATION_LETTER,
    MANAGEMENT_AGREEMENT,
    PARKING_RECORD,
    FINANCIAL_STATEMENT,
    FIRE_SAFETY_APPROVAL,
    DRAWING,
    PHOTO,
    OTHER,
)


class DossierUploadForm(KeepsUploads, forms.Form):
    kept_fields = ("file",)

    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.key, k.label) for k in UPLOAD_KINDS])
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For licences, ID copies and authorisation letters."),
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Licences and ID copies are always confidential."),
    )
    visible_to_tenant = forms.BooleanField(
        label=_("Visible to the tenant"),
        required=False,
        help_text=_("The tenant may download it in the portal. Leave it off for internal papers."),
    )
    file = DocumentFileField(label=_("File (PDF, JPEG or PNG)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keep_uploads_init()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        expires_on, kind = data.get("expires_on"), data.get("kind")
        if expires_on and kind and not kind_of(kind).expiring:
            self.add_error("expires_on", _("Only licences and identity papers carry an expiry date."))
        elif expires_on and expires_on < timezone.localdate():
            self.add_error("expires_on", _("This date has passed: file the current, valid document."))
        return data


class DocumentRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for removal"),
        max_length=150,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: filed for the wrong tenant, or an unreadable scan."),
    )
