"""Fit-out forms. They check the shape of the input; the services have the last word (a DomainError naming a
field is shown there), and a refused form re-renders with everything entered."""

import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.pending import KeepsUploads
from handover.services import signature_png
from leasing.models import Lease, Unit

from .models import Application, Notice, Review
from .services.applications import LIVE_LEASE

DEFAULT_DEPOSIT = Decimal("10000.00")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service (PDF only for drawings)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ApplicationForm(KeepsUploads, forms.Form):
    """The fit-out application (《装修申请表》); drawings and approval survive a failed post."""

    kept_fields = ("drawings", "fire_approval")

    lease = forms.ModelChoiceField(queryset=Lease.objects.none(), label=_("Lease"))
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), label=_("Units"), widget=forms.CheckboxSelectMultiple
    )
    contractor_company = forms.CharField(label=_("Contractor"), max_length=200)
    contractor_licence = forms.CharField(label=_("Contractor's licence number"), max_length=60)
    site_manager = forms.CharField(label=_("Site manager"), max_length=100)
    site_manager_phone = forms.CharField(label=_("Site manager's phone"), max_length=30)
    scope = forms.CharField(label=_("Scope of works"), widget=forms.Textarea(attrs={"rows": 3}))
    needs_fire_approval = forms.BooleanField(
        label=_("The scope needs a fire-safety approval"),
        required=False,
        help_text=Application._meta.get_field("needs_fire_approval").help_text,
    )
    starts_on = forms.DateField(label=_("Works start"), widget=DATE)
    ends_on = forms.DateField(label=_("Works end"), widget=DATE)
    drawings = MultipleFileField(label=_("Drawings and design (PDF)"), required=False)
    fire_approval = forms.FileField(label=_("Fire-safety approval (PDF or scan)"), required=False)

    def __init__(self, *args: Any, tenant: Any = None, lease_id: str | None = None, **kwargs: Any) -> None:
        """``tenant``: the portal user's tenant; ``lease_id``: the lease the staff chose (its units)."""
        self.upload_scope = str(tenant.pk) if tenant is not None else "staff"  # kept files stay with it
        super().__init__(*args, **kwargs)
        leases = Lease.objects.filter(status__in=LIVE_LEASE).select_related("tenant").order_by("number")
        units = Unit.objects.filter(lease_units__lease__status__in=LIVE_LEASE).distinct()
        if tenant is not None:
            leases, units = leases.filter(tenant=tenant), units.filter(lease_units__lease__tenant=tenant)
            self.fields["lease"].label_from_instance = lambda lease: f"{lease.number}"
        else:
            self.fields["lease"].label_from_instance = lambda lease: f"{lease.number} · {lease.tenant.name}"
        self.fields["lease"].queryset = leases
        if lease_id and str(lease_id).isdigit():
            units = units.filter(lease_units__lease_id=int(lease_id))
            self.initial.setdefault("lease", int(lease_id))
        elif tenant is None:
            units = units.none()  # staff choose the lease first: every leased unit would be too many to list
        self.fields["units"].queryset = units.select_related("building").order_by("building__code", "code")
        self.fields["units"].label_from_instance = lambda unit: f"{unit.building.code} {unit.code}"
        self.keep_uploads_init()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lease, units = data.get("lease"), data.get("units")
        if lease and units:
            held = set(lease.lease_units.values_list("unit_id", flat=True))
            if any(unit.pk not in held for unit in units):
                self.add_error("units", _("Choose units of the lease."))
        return data


class SignForm(forms.Form):
    """Tenant and contractor each draw their signature and type their name."""

    tenant_signature = forms.CharField(widget=forms.HiddenInput, required=False)
    tenant_name = forms.CharField(label=_("Name of the tenant's representative"), max_length=100)
    contractor_signature = forms.CharField(widget=forms.HiddenInput, required=False)
    contractor_name = forms.CharField(label=_("Name of the contractor's representative"), max_length=100)

    def _png(self, name: str) -> bytes:
        png = signature_png(self.cleaned_data.get(name) or "")
        if png is None:
            raise ValidationError(_("Sign in the box: the signature is empty."), code="empty_signature")
        return png

    def clean_tenant_signature(self) -> bytes:
        return self._png("tenant_signature")

    def clean_contractor_signature(self) -> bytes:
        return self._png("contractor_signature")


class DrawingsForm(forms.Form):
    drawings = MultipleFileField(label=_("Revised drawings (PDF)"), required=False)


class FileForm(forms.Form):
    file = forms.FileField(label=_("Fire-safety approval (PDF or scan)"))


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Review.Verdict.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("Review opinion"), widget=forms.Textarea(attrs={"rows": 3}))
    required_changes = forms.CharField(
        label=_("Required changes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, drawings: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        for drawing in drawings:
            self.fields[f"comment_{drawing.pk}"] = forms.CharField(
                label=_("Comment on “%(title)s”") % {"title": drawing.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def comments(self) -> dict[int, str]:
        return {
            int(name.removeprefix("comment_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("comment_") and value
        }


class DepositForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Fit-out deposit (CNY)"), max_digits=14, decimal_places=2, initial=DEFAULT_DEPOSIT
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_date"].initial = timezone.localdate() + timedelta(days=7)


class PowerForm(forms.Form):
    reference = forms.CharField(label=_("Construction-power agreement number"), max_length=100)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE, initial=timezone.localdate)


class WorkerForm(KeepsUploads, forms.Form):
    """A worker's pass: the photo chosen survives a refused post."""

    kept_fields = ("photo",)

    name = forms.CharField(label=_("Name"), max_length=100)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=40, required=False)
    trade = forms.CharField(label=_("Trade"), max_length=60)
    photo = forms.FileField(
        label=_("Photo (JPEG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keep_uploads_init()


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Inspected on"), widget=DATE, initial=timezone.localdate)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 2}))
    passed = forms.BooleanField(label=_("Passed"), required=False, initial=True)


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of notice"), choices=Notice.Kind.choices)
    text = forms.CharField(label=_("What must be done"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("Deadline (rectification)"), widget=DATE, required=False)
    fine = forms.DecimalField(
        label=_("Fine (violation, CNY)"), max_digits=14, decimal_places=2, required=False, min_value=0
    )
    bill_excess = forms.BooleanField(
        label=_("Bill the excess"),
        required=False,
        help_text=_("If the deposit cannot cover the whole fine, bill the rest to the tenant."),
    )
    # Generated when the form is shown: submitting the same form twice issues one notice.
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput, max_length=64, required=False, initial=lambda: uuid.uuid4().hex
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("idempotency_key"):
            raise ValidationError(_("The form has expired; open it again."))
        return data


class CompletionForm(forms.Form):
    findings = forms.CharField(
        label=_("Completion inspection findings"), widget=forms.Textarea(attrs={"rows": 2})
    )
    damages = forms.DecimalField(
        label=_("Damages (CNY)"),
        max_digits=14,
        decimal_places=2,
        required=False,
        min_value=0,
        initial=Decimal("0.00"),
    )
    bill_excess = forms.BooleanField(
        label=_("Bill the excess"),
        required=False,
        help_text=_("If the deposit cannot cover the damages, bill the rest to the tenant."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    """The tenant's request: the new end of the works (after the current one) and why."""

    ends_on = forms.DateField(label=_("New end of the works"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecisionForm(forms.Form):
    """Engineering's decision on the pending extension; a refusal says why."""

    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PassNumberForm(forms.Form):
    number = forms.CharField(
        label=_("Pass number"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocapitalize": "characters", "class": "form-control-lg"}
        ),
    )
