"""Form pieces other apps reuse: a file field that accepts what ``document_upload`` accepts."""

from typing import Any

from django import forms
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from .filetypes import ACCEPTED_TYPES, validate_document_file


class DocumentFileField(forms.FileField):
    """A PDF, JPEG or PNG (checked by its bytes) within ``UPLOAD_MAX_BYTES``; the error shows at the field."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        accept = ",".join(t.extension for t in ACCEPTED_TYPES) + ",.jpeg"
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data: Any, initial: Any = None) -> File | None:
        file = super().clean(data, initial)
        if file and file is not initial:
            validate_document_file(file)
        return file


class CompareForm(forms.Form):
    """A copy of a PDF a member of staff holds, to compare byte for byte with the archived file."""

    file = forms.FileField(label=_("PDF to compare"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,application/pdf"

    def clean_file(self) -> File:
        file = self.cleaned_data["file"]
        file.seek(0)
        head = file.read(5)
        file.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(
                _("This file is not a PDF. Choose the PDF you want to compare with the archived one."),
                code="not_pdf",
            )
        return file
