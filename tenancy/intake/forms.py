"""Forms of intake: the application (with its scans), a review decision.

The forms check what the user typed and show messages at the field; the services decide and check again.
"""

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.forms import DocumentFileField
from documents.pending import KeepsUploads

from ..document_kinds import BUSINESS_LICENCE, FINANCIAL_STATEMENT, ID_COPY
from ..models import Application, Tenant
from ..validators import validate_credit_code, validate_mobile, validate_resident_id
from .services import PAST_START_DAYS, far_in_the_past

IDENTITY_FIELDS = [
    "applicant_kind",
    "applicant_name",
    "credit_code",
    "id_number",
    "legal_representative",
    "licence_valid_until",
]
NEED_FIELDS = [
    "contact_name",
    "contact_mobile",
    "contact_email",
    "building",
    "area_min",
    "area_max",
    "unit_codes",
    "use",
    "start_date",
    "end_date",
    "headcount",
    "notes",
]
FILE_FIELDS = {
    "business_licence": BUSINESS_LICENCE,
    "id_copy": ID_COPY,
    "financial_statement": FINANCIAL_STATEMENT,
}


class ApplicationForm(KeepsUploads, forms.ModelForm):
    """《空间租赁申请表》: applicant, contact, space wanted, use, term, head-count, notes and the scans."""

    kept_fields = tuple(FILE_FIELDS)
    scope_field = "form_key"

    # The form's own key: a double click posts it twice, and the second post finds the first draft.
    form_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=40, required=False)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=40, required=False)
    headcount = forms.IntegerField(label=_("Expected head-count"), required=False, min_value=1)
    business_licence = DocumentFileField(label=_("Business licence"), required=False)
    id_copy = DocumentFileField(
        label=_("ID of the legal representative (or of the applicant)"), required=False
    )
    financial_statement = DocumentFileField(label=_("Financial statement (optional)"), required=False)
    # Shown with the warning when the desired start is far in the past.
    past_start_confirmed = forms.BooleanField(label=_("Yes, this start date is right"), required=False)
    past_start_reason = forms.CharField(
        label=_("Why the start lies in the past"), max_length=500, required=False
    )

    class Meta:
        model = Application
        fields = IDENTITY_FIELDS + NEED_FIELDS
        widgets = {
            "applicant_kind": forms.RadioSelect,
            "licence_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "use": forms.TextInput(),
        }

    def __init__(self, *args: Any, with_identity: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_identity:  # a tenant applying for more space: its identity comes from its file
            for name in IDENTITY_FIELDS:
                del self.fields[name]
        if not self.is_bound and not self.initial.get("form_key"):
            self.initial["form_key"] = uuid.uuid4()  # also ties kept uploads to this form
        self.keep_uploads_init()

    def clean_credit_code(self) -> str:
        value = self.cleaned_data.get("credit_code", "")
        if value and self.data.get(self.add_prefix("applicant_kind")) != Tenant.Kind.PERSON:
            return validate_credit_code(value)
        return value

    def clean_id_number(self) -> str:
        value = self.cleaned_data.get("id_number", "")
        if value and self.data.get(self.add_prefix("applicant_kind")) == Tenant.Kind.PERSON:
            return validate_resident_id(value)
        return value

    def clean_contact_mobile(self) -> str:
        value = self.cleaned_data.get("contact_mobile", "")
        return validate_mobile(value) if value else value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The end of the term must be after its start."))
        low, high = data.get("area_min"), data.get("area_max")
        if low is not None and high is not None and high < low:
            self.add_error("area_max", _("The largest area must not be smaller than the smallest."))
        self._check_past_start(data)
        return data

    def _check_past_start(self, data: dict[str, Any]) -> None:
        """A start far in the past needs the tick and a reason (saved on the timeline); an unchanged one was
        answered before."""
        start = data.get("start_date")
        unchanged = self.instance.pk is not None and start == self.instance.start_date
        self._past_start_asked = far_in_the_past(start) and not unchanged
        if not self._past_start_asked:
            return
        if not data.get("past_start_confirmed"):
            self.add_error(
                "start_date",
                _(
                    "This start date is more than %(days)s days in the past. If it is right, tick the box "
                    "below and say why."
                )
                % {"days": PAST_START_DAYS},
            )
        elif not (data.get("past_start_reason") or "").strip():
            self.add_error("past_start_reason", _("Say why the start lies in the past."))

    @property
    def past_start_asked(self) -> bool:
        """The desired start is far in the past: the page shows the tick and the reason."""
        return getattr(self, "_past_start_asked", False)

    def _post_clean(self) -> None:
        # The services save the application; the model's own checks would repeat the messages above.
        pass

    def field_values(self) -> dict[str, Any]:
        """What the services take: the application's fields and the reason for a start far in the past."""
        names = [name for name in IDENTITY_FIELDS + NEED_FIELDS if name in self.fields]
        values = {name: self.cleaned_data[name] for name in names}
        values["past_start_reason"] = (
            self.cleaned_data.get("past_start_reason", "") if self.past_start_asked else ""
        )
        return values

    def files_by_kind(self) -> dict[str, Any]:
        return {
            kind: self.cleaned_data.get(name)
            for name, kind in FILE_FIELDS.items()
            if self.cleaned_data.get(name)
        }


class DecisionForm(forms.Form):
    """A department's decision on its step; a rejection or a return says why."""

    VERDICTS = (
        ("approve", _("Approve")),
        ("return", _("Return for information")),
        ("reject", _("Reject")),
    )

    verdict = forms.ChoiceField(label=_("Decision"), choices=VERDICTS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment (the reason for a rejection, what is needed for a return)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("verdict") == "reject" and not (data.get("comment") or "").strip():
            self.add_error("comment", ValidationError(_("A rejection needs a reason.")))
        if data.get("verdict") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", ValidationError(_("Say what information is needed.")))
        return data
