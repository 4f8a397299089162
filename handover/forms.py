"""Forms of the handover pages: one formset per sheet (a row per key line, meter or checklist item), the
signing panel, and the small forms around a visit. Services have the last word; a DomainError naming a row
(``"2:reading"``) is shown at that row's field."""

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from documents.errors import DomainError
from documents.filetypes import validate_document_file
from documents.models import Document
from documents.pending import KeepsUploads
from leasing.models import Lease, MoveOutNotice

from .models import AcceptanceItem, KeyRecord, Meter, PreInspection, RelocationBooking, Sheet, Visit
from .services import signature_png

MSG_EMPTY_SIGNATURE = _("Sign in the box: the signature is empty.")
MSG_NOT_A_PHOTO = _("The photo must be a JPEG or PNG picture.")


def _style(form: forms.BaseForm) -> None:
    """Bootstrap classes, large enough for a finger on a tablet; labels capitalised."""
    for field in form.fields.values():
        widget = field.widget
        field.label = capfirst(field.label) if field.label else field.label
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


def helper() -> FormHelper:
    h = FormHelper()
    h.form_tag = False
    return h


class PhotoField(forms.FileField):
    """A JPEG or PNG photo (told by its bytes); on a tablet the camera opens."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photo"))
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png", "capture": "environment"}),
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> File | None:
        file = super().clean(data, initial)
        if file and file is not initial:
            file_type = validate_document_file(file)
            if not file_type.content_type.startswith("image/"):
                raise ValidationError(MSG_NOT_A_PHOTO, code="not_image")
        return file


class KeyForm(forms.Form):
    key_type = forms.ChoiceField(label=_("type"), choices=KeyRecord.Type.choices)
    number = forms.CharField(label=_("key or card number"), max_length=40)
    quantity = forms.IntegerField(label=_("quantity"), min_value=1, max_value=999, initial=1)
    issued_to = forms.CharField(label=_("issued to"), max_length=100)
    spare_kept = forms.IntegerField(
        label=_("spares kept by management"), min_value=0, max_value=99, initial=0
    )
    returned = forms.IntegerField(label=_("returned"), min_value=0, max_value=999, required=False)
    charge_each = forms.DecimalField(
        label=_("charge per missing one"), min_value=0, max_digits=10, decimal_places=2, required=False
    )

    def __init__(self, *args: Any, move_out: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not move_out:
            del self.fields["returned"], self.fields["charge_each"]
        _style(self)


class ReadingForm(KeepsUploads, forms.Form):
    """A meter's line; its photo survives a post refused for another line."""

    kept_fields = ("photo",)

    meter_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("meter kind"), choices=Meter.Kind.choices)
    number = forms.CharField(label=_("meter number"), max_length=40, required=False)
    reading = forms.DecimalField(
        label=_("reading"),
        max_digits=12,
        decimal_places=2,
        required=False,
        # A text box with the decimal keypad: a mistyped reading reaches the server and is explained there.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    photo = PhotoField()
    new_number = forms.CharField(label=_("new meter number"), max_length=40, required=False)
    replacement_reason = forms.CharField(
        label=_("reason for the replacement"), max_length=200, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("meter_id"):
            self.fields["kind"].disabled = self.fields["number"].disabled = True
        _style(self)
        self.keep_uploads_init()


class AcceptanceForm(KeepsUploads, forms.Form):
    """An acceptance line; its photo survives a post refused for another line."""

    kept_fields = ("photo",)

    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    item = forms.ChoiceField(label=_("item"), choices=AcceptanceItem.Item.choices)
    location = forms.CharField(label=_("location"), max_length=60, required=False)
    condition = forms.ChoiceField(label=_("condition"), choices=AcceptanceItem.Condition.choices)
    note = forms.CharField(label=_("defect or remark"), max_length=300, required=False)
    due_date = forms.DateField(
        label=_("rectify by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    damage_amount = forms.DecimalField(
        label=_("damage charged"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    photo = PhotoField()

    def __init__(self, *args: Any, move_out: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["due_date" if move_out else "damage_amount"]
        _style(self)
        self.keep_uploads_init()


KeyFormSet = forms.formset_factory(KeyForm, extra=0, can_delete=True)
ReadingFormSet = forms.formset_factory(ReadingForm, extra=1)
AcceptanceFormSet = forms.formset_factory(AcceptanceForm, extra=0, can_delete=True)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ReceiptForm(NoteForm):
    handouts = forms.MultipleChoiceField(
        label=_("handed over"), choices=Sheet.Handout.choices, widget=forms.CheckboxSelectMultiple
    )
    field_order = ["handouts", "note"]


class SignForm(forms.Form):
    """Both sides sign: the typed name and the picture drawn on the canvas (a PNG data URL)."""

    staff_name = forms.CharField(label=_("staff member's name"), max_length=100)
    staff_signature = forms.CharField(widget=forms.HiddenInput, required=False)
    tenant_name = forms.CharField(label=_("tenant representative's name"), max_length=100)
    tenant_signature = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    @classmethod
    def kept(cls, data: Any) -> "SignForm":
        """An unchecked form showing what was posted: after a "save" the page keeps what both sides drew."""
        return cls(initial={name: data.get(name, "") for name in cls.base_fields})

    def _png(self, name: str) -> bytes:
        png = signature_png(self.cleaned_data.get(name) or "")
        if png is None:
            raise ValidationError(MSG_EMPTY_SIGNATURE, code="empty_signature")
        return png

    def clean_staff_signature(self) -> bytes:
        return self._png("staff_signature")

    def clean_tenant_signature(self) -> bytes:
        return self._png("tenant_signature")


class SupersedeForm(forms.Form):
    reason = forms.CharField(label=_("why a new version"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class MoveInOpenForm(forms.Form):
    lease = forms.ModelChoiceField(label=_("lease"), queryset=Lease.objects.none())
    visit_date = forms.DateField(label=_("visit date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, leases: QuerySet[Lease], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lease"].queryset = leases
        self.fields["lease"].label_from_instance = lambda lease: f"{lease.number} · {lease.tenant.name}"
        self.helper = helper()
        _style(self)


class MoveOutOpenForm(forms.Form):
    """From a tenant's move-out notice, or for a lease that needs none (holding over, terminated by the
    landlord)."""

    notice = forms.ModelChoiceField(
        label=_("move-out notice"), queryset=MoveOutNotice.objects.none(), required=False
    )
    lease = forms.ModelChoiceField(
        label=_("or a lease moving out without a notice (holding over, terminated)"),
        queryset=Lease.objects.none(),
        required=False,
    )
    visit_date = forms.DateField(label=_("visit date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self,
        *args: Any,
        notices: QuerySet[MoveOutNotice],
        leases: QuerySet[Lease] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notice"].queryset = notices
        self.fields["notice"].label_from_instance = lambda n: (
            f"{n.lease.number} · {n.lease.tenant.name} → {n.move_out_date:%Y-%m-%d}"
        )
        self.fields["lease"].queryset = leases if leases is not None else Lease.objects.none()
        self.fields["lease"].label_from_instance = lambda lease: (
            f"{lease.number} · {lease.tenant.name} → {lease.effective_end:%Y-%m-%d}"
        )
        self.helper = helper()
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("notice") and not data.get("lease"):
            self.add_error("notice", _("Choose the move-out notice, or the lease moving out without one."))
        elif data.get("notice") and data.get("lease"):
            self.add_error("lease", _("Choose either a move-out notice or a lease, not both."))
        return data


class PreInspectionForm(forms.ModelForm):
    class Meta:
        model = PreInspection
        fields = ["findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["findings"].required = True
        _style(self)


class BookingForm(forms.ModelForm):
    class Meta:
        model = RelocationBooking
        fields = ["moving_date", "slot", "mover", "contact_phone", "note"]
        widgets = {"moving_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = helper()
        _style(self)

    def validate_unique(self) -> None:
        """The service checks the slot (with the building, which the form does not have)."""


class FixForm(forms.Form):
    fix_note = forms.CharField(label=_("what was done"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


def add_row_error(rows: list[forms.Form], error: DomainError) -> bool:
    """Put a service's refusal at the row and field it names (``"index:field"``); False if it names none."""
    index, _sep, field = (error.field or "").partition(":")
    if not index.isdigit() or int(index) >= len(rows):
        return False
    form = rows[int(index)]
    form.add_error(field if field in form.fields else None, error.message)
    return True


class IdentityForm(forms.Form):
    """Whose identity was checked before the keys: the signer's ID document, or an agent's filed letter."""

    name = forms.CharField(label=_("name of the person signing for the tenant"), max_length=100)
    method = forms.ChoiceField(
        label=_("identity checked by"), choices=Visit.IdentityKind.choices, widget=forms.RadioSelect
    )
    document_type = forms.ChoiceField(
        label=_("ID document type"), choices=[("", "—"), *Visit.IdDocumentType.choices], required=False
    )
    document_number = forms.CharField(label=_("ID document number"), max_length=40, required=False)
    letter = forms.ModelChoiceField(
        label=_("authorisation letter in the dossier"), queryset=Document.objects.none(), required=False
    )

    def __init__(self, *args: Any, letters: QuerySet[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["letter"].queryset = letters  # type: ignore[attr-defined]
        self.fields["letter"].label_from_instance = lambda d: f"{d.title} ({d.created_at:%Y-%m-%d})"  # type: ignore[attr-defined]
        _style(self)
        self.fields["method"].widget.attrs.pop("class", None)
        self.helper = helper()


class KeysOverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("why the keys may be handed over before payment"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
