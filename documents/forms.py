"""Form pieces other apps reuse: a file field that accepts what ``document_upload`` accepts."""

from typing import Any

from django import forms
from django.core.files import File

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
