"""Forms of leases: draft terms, signing, cancelling, amendments, renewal answers, move-out notices."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.actors import AnyUser
from documents.models import Signature
from documents.signatures import signature_png
from tenancy.models import Tenant
from tenancy.scope import scope, tenant_scope

from ..models import Lease, MoveOutNotice, PaymentCycle, RenewalCase, RentBasis, Unit
from .guide import building_fee, guide_rent
from .services import DraftTerms, terms_errors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}
# A lease start further back than this is asked about (an import of running leases has its own path).
PAST_START_DAYS = 30
MSG_EMPTY_SIGNATURE = _("Sign in the box: the signature is empty.")
MSG_NO_GUIDE_RENT = _("Enter the rent: these units have no guide rent.")
MSG_NO_BUILDING_FEE = _("Enter the management fee: no lease of this building states one yet.")


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.building.code} · {obj.code} ({obj.gross_area} m², {obj.get_status_display()})"


class LeaseForm(forms.Form):
    """The terms of a draft lease; the rules are the service's (``terms_errors``), shown at their fields."""

    past_start_asked = False

    tenant = forms.ModelChoiceField(Tenant.objects.exclude(status=Tenant.Status.ARCHIVED), label=_("Tenant"))
    units = UnitChoiceField(
        Unit.objects.select_related("building").order_by("building__code", "code"),
        label=_("Units"),
        help_text=_("One or more units of one building."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, user: AnyUser | None = None, **kwargs: Any) -> None:
        """Only the tenants and units of the user's buildings are offered (and accepted)."""
        super().__init__(*args, **kwargs)
        tenant_field: Any = self.fields["tenant"]
        unit_field: Any = self.fields["units"]
        tenant_field.queryset = tenant_scope(tenant_field.queryset, user)
        unit_field.queryset = scope(unit_field.queryset, user, "building")

    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), widget=DATE)
    rent_basis = forms.ChoiceField(choices=RentBasis.choices, label=_("Rent basis"))
    rent_rate = forms.DecimalField(
        label=_("Rent (CNY)"), required=False, help_text=_("Empty: the units' guide rent."), **MONEY
    )
    fee_basis = forms.ChoiceField(choices=RentBasis.choices, label=_("Management fee basis"))
    fee_rate = forms.DecimalField(
        label=_("Management fee (CNY)"),
        required=False,
        help_text=_("Empty: the fee the building's leases charge."),
        **MONEY,
    )
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
    holding_over_rent_percent = forms.DecimalField(
        label=_("Holding-over rent (%)"),
        max_digits=5,
        decimal_places=1,
        min_value=0,
        initial=100,
        required=False,  # left empty: the same rent (100)
        help_text=_(
            "Share of the last rent billed each month while the tenant stays past the end date; "
            "100 bills the same rent."
        ),
    )
    special_terms = forms.CharField(
        label=_("Special terms"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    break_from = forms.DateField(
        label=_("Earliest break date"),
        required=False,
        widget=DATE,
        help_text=_("From this date the tenant may end the lease early by notice; empty: no break right."),
    )
    break_notice_months = forms.IntegerField(
        label=_("Break notice (months)"),
        min_value=0,
        required=False,
        initial=0,
        help_text=_("How many months ahead an early termination must be notified (0: the notice period)."),
    )
    break_penalty_amount = forms.DecimalField(
        label=_("Early termination penalty (CNY)"),
        required=False,
        initial=0,
        help_text=_("The penalty (违约金) as a fixed amount; when 0, the months of rent below are charged."),
        **MONEY,
    )
    break_penalty_months = forms.DecimalField(
        label=_("Early termination penalty (months of rent)"),
        required=False,
        max_digits=4,
        decimal_places=1,
        initial=0,
    )

    # Shown with the warning when the start is far in the past (a running lease entered late).
    past_start_confirmed = forms.BooleanField(label=_("Yes, this start date is right"), required=False)
    past_start_reason = forms.CharField(
        label=_("Why the start lies in the past"), max_length=500, required=False
    )

    # Management only: a new tenant's lease without an admission in force (the reason goes on the timeline).
    admission_override_reason = forms.CharField(
        label=_("Reason to draft without an admission (management)"),
        max_length=500,
        required=False,
        help_text=_("Only when the tenant has no admission in force; kept on the lease's timeline."),
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
        "holding_over_rent_percent",
        "break_from",
        "break_notice_months",
        "break_penalty_amount",
        "break_penalty_months",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._fill_from_guide(data)
        self._check_past_start(data)
        if all(name in data for name in self.TERM_FIELDS):
            for name, message in terms_errors(self.draft_terms(data)).items():
                self.add_error(name if name in self.fields else None, message)
        return data

    def _check_past_start(self, data: dict[str, Any]) -> None:
        """A start more than ``PAST_START_DAYS`` ago needs the tick and a reason (on the timeline)."""
        start = data.get("start_date")
        self.past_start_asked = start is not None and start < timezone.localdate() - dt.timedelta(
            days=PAST_START_DAYS
        )
        if not self.past_start_asked:
            return
        if not data.get("past_start_confirmed"):
            message = _(
                "This start date is more than %(days)s days in the past. If it is right, tick the box "
                "below and say why."
            )
            self.add_error("start_date", message % {"days": PAST_START_DAYS})
        elif not (data.get("past_start_reason") or "").strip():
            self.add_error("past_start_reason", _("Say why the start lies in the past."))

    def past_start_note(self) -> str:
        """The reason given for a start far in the past, for the timeline ("" when none was asked)."""
        return self.cleaned_data["past_start_reason"].strip() if self.past_start_asked else ""

    def _fill_from_guide(self, data: dict[str, Any]) -> None:
        """An empty rent or fee is the units' guide rent, or the building's fee, in the chosen basis."""
        units = list(data.get("units") or [])
        for name, basis, source, message in (
            ("rent_rate", "rent_basis", guide_rent, MSG_NO_GUIDE_RENT),
            ("fee_rate", "fee_basis", building_fee, MSG_NO_BUILDING_FEE),
        ):
            if name not in data or data[name] is not None:
                continue
            value = source(units, data[basis]) if basis in data and units else None
            if value is not None:
                data[name] = value
            elif units and basis in data:
                self.add_error(name, message)  # (also takes it out of the data)
            else:
                del data[name]  # no units chosen: that error is shown, the terms wait

    def draft_terms(self, data: dict[str, Any] | None = None) -> DraftTerms:
        data = self.cleaned_data if data is None else data
        values = {name: data[name] for name in self.TERM_FIELDS}
        for name in (
            "break_notice_months",
            "break_penalty_amount",
            "break_penalty_months",
            "holding_over_rent_percent",
        ):
            if values[name] is None:
                del values[name]  # left empty: the lease's default (none)
        return DraftTerms(**values)

    @classmethod
    def initial_for(cls, lease: Lease) -> dict[str, Any]:
        initial = {name: getattr(lease, name) for name in cls.TERM_FIELDS}
        return {
            **initial,
            "tenant": lease.tenant_id,
            "units": [row.unit_id for row in lease.lease_units.all()],
        }


class SignForm(forms.Form):
    """Both signatories; drawn on screen, each also draws on a canvas (a PNG data URL in a hidden input)."""

    staff_signer = forms.CharField(label=_("Signing for the management"), max_length=100)
    tenant_signer = forms.CharField(label=_("Signing for the tenant"), max_length=100)
    method = forms.ChoiceField(
        choices=Signature.Method.choices,
        initial=Signature.Method.WET_INK,
        label=_("Method"),
        widget=forms.Select(attrs={"data-signature-method": "signature-pads"}),
    )
    staff_signature = forms.CharField(widget=forms.HiddenInput, required=False)
    tenant_signature = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        """Drawn on screen, both pictures must be PNGs with a stroke (``staff_png``, ``tenant_png``); for ink
        or electronic signatures no picture is kept."""
        data = super().clean()
        drawn = data.get("method") == Signature.Method.ON_SCREEN
        for side in ("staff", "tenant"):
            posted = data.pop(f"{side}_signature", "") or ""
            png = signature_png(posted) if drawn else None
            if drawn and png is None:
                self.add_error(f"{side}_signature", MSG_EMPTY_SIGNATURE)
            data[f"{side}_png"] = png
        return data


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
    early_reason = forms.CharField(
        label=_("Accept an early termination because"),
        required=False,
        help_text=_(
            "Management only: fill in to accept ending the lease before its end date where its break "
            "clause does not allow it. The lease's penalty is charged at the settlement."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, can_override: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]
            del self.fields["early_reason"]


CHANNELS = MoveOutNotice.Channel
