"""Forms of leases: draft terms, signing, cancelling, amendments, renewal answers, move-out notices."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Signature
from tenancy.models import Tenant

from ..models import Lease, MoveOutNotice, PaymentCycle, RenewalCase, RentBasis, Unit
from .services import DraftTerms, terms_errors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 12, "decimal_places": 2}


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.building.code} · {obj.code} ({obj.gross_area} m², {obj.get_status_display()})"


class LeaseForm(forms.Form):
    """The terms of a draft lease; the rules are the service's (``terms_errors``), shown at their fields."""

    tenant = forms.ModelChoiceField(Tenant.objects.exclude(status=Tenant.Status.ARCHIVED), label=_("Tenant"))
    units = UnitChoiceField(
        Unit.objects.select_related("building").order_by("building__code", "code"),
        label=_("Units"),
        help_text=_("One or more units of one building."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), widget=DATE)
    rent_basis = forms.ChoiceField(choices=RentBasis.choices, label=_("Rent basis"))
    rent_rate = forms.DecimalField(label=_("Rent (CNY)"), **MONEY)
    fee_basis = forms.ChoiceField(choices=RentBasis.choices, label=_("Management fee basis"))
    fee_rate = forms.DecimalField(label=_("Management fee (CNY)"), **MONEY)
    payment_cycle = forms.ChoiceField(
        choices=PaymentCycle.choices, label=_("Payment cycle"), initial=PaymentCycle.QUARTERLY
    )
    due_day = forms.IntegerField(label=_("Due day of the month"), initial=1)
    deposit_months = forms.DecimalField(
        label=_("Deposit (months of rent)"), max_digits=4, decimal_places=1, initial=3
    )
    deposit_amount = forms.DecimalField(
        label=_("Deposit (CNY)"), required=False, help_text=_("Empty: months × monthly rent."), **MONEY
    )
    late_fee_rate = forms.DecimalField(
        label=_("Late fee per day (%)"), max_digits=6, decimal_places=3, initial=Decimal("0.050")
    )
    grace_days = forms.IntegerField(label=_("Grace days"), min_value=0, initial=5)
    rent_free_days = forms.IntegerField(label=_("Rent-free / fit-out days"), min_value=0, initial=0)
    escalation_rate = forms.DecimalField(
        label=_("Yearly escalation (%)"), max_digits=5, decimal_places=2, initial=0
    )
    use = forms.ChoiceField(choices=Unit.Use.choices, label=_("Use"))
    notice_days = forms.IntegerField(label=_("Notice period (days)"), min_value=0, initial=30)
    special_terms = forms.CharField(
        label=_("Special terms"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    TERM_FIELDS = [
        "start_date",
        "end_date",
        "rent_basis",
        "rent_rate",
        "fee_basis",
        "fee_rate",
        "payment_cycle",
        "due_day",
        "deposit_months",
        "deposit_amount",
        "late_fee_rate",
        "grace_days",
        "rent_free_days",
        "escalation_rate",
        "use",
        "special_terms",
        "notice_days",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if all(name in data for name in self.TERM_FIELDS):
            for name, message in terms_errors(self.draft_terms(data)).items():
                self.add_error(name if name in self.fields else None, message)
        return data

    def draft_terms(self, data: dict[str, Any] | None = None) -> DraftTerms:
        data = self.cleaned_data if data is None else data
        return DraftTerms(**{name: data[name] for name in self.TERM_FIELDS})

    @classmethod
    def initial_for(cls, lease: Lease) -> dict[str, Any]:
        initial = {name: getattr(lease, name) for name in cls.TERM_FIELDS}
        return {
            **initial,
            "tenant": lease.tenant_id,
            "units": [row.unit_id for row in lease.lease_units.all()],
        }


class SignForm(forms.Form):
    staff_signer = forms.CharField(label=_("Signing for the management"), max_length=100)
    tenant_signer = forms.CharField(label=_("Signing for the tenant"), max_length=100)
    method = forms.ChoiceField(
        choices=Signature.Method.choices, initial=Signature.Method.WET_INK, label=_("Method")
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AmendmentForm(forms.Form):
    effective_date = forms.DateField(label=_("Effective date"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    rent_basis = forms.ChoiceField(choices=RentBasis.choices, label=_("New rent basis"), required=False)
    rent_rate = forms.DecimalField(label=_("New rent (CNY)"), required=False, **MONEY)
    fee_basis = forms.ChoiceField(
        choices=RentBasis.choices, label=_("New management fee basis"), required=False
    )
    fee_rate = forms.DecimalField(label=_("New management fee (CNY)"), required=False, **MONEY)
    end_date = forms.DateField(label=_("New end date"), required=False, widget=DATE)
    units = UnitChoiceField(
        Unit.objects.none(),
        label=_("Units from then on"),
        required=False,
        help_text=_("Leave empty to keep the units."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, lease: Lease, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(building_id=lease.building_id).select_related("building").order_by("code")
        )


class RenewalAnswerForm(forms.Form):
    intent = forms.ChoiceField(
        choices=[(v, label) for v, label in RenewalCase.Intent.choices if v != RenewalCase.Intent.UNDECIDED],
        label=_("The tenant's intent"),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("What was said"), widget=forms.Textarea(attrs={"rows": 2}))


class MoveOutNoticeForm(forms.Form):
    move_out_date = forms.DateField(label=_("Move-out date"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason for leaving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Accept a shorter notice because"),
        required=False,
        help_text=_("Management only: fill in to accept a notice shorter than the notice period."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, can_override: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]


CHANNELS = MoveOutNotice.Channel
