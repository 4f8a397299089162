"""Forms of the payee accounts (where tenants pay) and of their bank statement layouts."""

from typing import Any

from django import forms
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from documents.filetypes import check_image_pixels, validate_document_file
from documents.forms import DocumentFileField
from leasing.models import Building

from .models import PayeeAccount, StatementLayout

# A collection code is a small picture: 2 MB and 4,000 × 4,000 pixels are plenty.
QR_MAX_BYTES = 2 * 1024 * 1024
QR_MAX_PIXELS = 16_000_000


class PayeeAccountForm(forms.ModelForm):
    """Account name, bank, number (digits and spaces), reference, the buildings using it, a QR image."""

    buildings = forms.ModelMultipleChoiceField(
        Building.objects.order_by("code"),
        label=_("Buildings"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A building moves here from the account it used before."),
    )
    qr = DocumentFileField(
        label=_("Payment QR image"),
        required=False,
        help_text=_("A PNG or JPEG of the WeChat Pay or Alipay collection code, at most 2 MB."),
    )
    qr_remove = forms.BooleanField(label=_("Remove the QR image"), required=False)

    class Meta:
        model = PayeeAccount
        fields = ("label", "account_name", "bank", "account_number", "reference")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["qr"].widget.attrs["accept"] = ".png,.jpg,.jpeg"
        if self.instance.pk:
            self.initial["buildings"] = list(self.instance.buildings.values_list("pk", flat=True))
        if not self.instance.qr_path:
            del self.fields["qr_remove"]

    def clean_account_number(self) -> str:
        """Spaces kept as typed between digit groups, never more than one in a row."""
        return " ".join(self.cleaned_data["account_number"].split())

    def clean_qr(self) -> File | None:
        """A PNG or JPEG by its bytes (a PDF is a document, not a picture to print), small enough."""
        file = self.cleaned_data.get("qr")
        if not file:
            return file
        if not validate_document_file(file).content_type.startswith("image/"):
            raise forms.ValidationError(_("The QR image must be a PNG or JPEG picture."))
        if file.size > QR_MAX_BYTES:
            raise forms.ValidationError(_("The QR image must be at most 2 MB."))
        check_image_pixels(file, limit=QR_MAX_PIXELS)
        return file


class StatementLayoutForm(forms.ModelForm):
    """Which column of this bank's statement holds what, as named in its header row."""

    class Meta:
        model = StatementLayout
        fields = (
            "skip_rows",
            "date_column",
            "date_format",
            "amount_column",
            "credit_column",
            "debit_column",
            "payer_column",
            "reference_column",
            "serial_column",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("amount_column") or "").strip() and not (data.get("credit_column") or "").strip():
            self.add_error(
                "amount_column",
                _("Name the amount column, or the credit column when the bank splits credits and debits."),
            )
        return data
