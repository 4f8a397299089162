"""Billing forms: run month, payment, credit note, deposit, refund, bank statement, period, fapiao."""

import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from leasing.models import Building, Lease
from tenancy.models import Tenant

from .models import Bill, ChargeKind, PayeeAccount, Payment, StatementLayout

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
MONEY_ATTRS = {"step": "0.01", "min": "0.01"}


class MonthField(forms.DateField):
    """A month typed as ``YYYY-MM`` (the browser's month picker); its first day."""

    widget = MONTH
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class RunForm(forms.Form):
    month = MonthField(label=_("Month"))


class PaymentForm(forms.Form):
    tenant = forms.ModelChoiceField(Tenant.objects.order_by("name"), label=_("Tenant"))
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(MONEY_ATTRS),
    )
    method = forms.ChoiceField(
        label=pgettext_lazy("payment", "Method"),
        choices=[(m.value, m.label) for m in Payment.Method if m != Payment.Method.DEPOSIT],
    )
    reference = forms.CharField(label=_("Reference"), max_length=80, required=False)
    received_on = forms.DateField(label=_("Received on"), widget=DATE, initial=timezone.localdate)
    bill = forms.ModelChoiceField(
        Bill.objects.none(),
        label=_("Match to bill"),
        required=False,
        help_text=_("Leave empty to match the oldest bills first."),
    )
    bill_amount = forms.DecimalField(
        label=_("Amount for that bill"), max_digits=14, decimal_places=2, required=False
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bill"].queryset = Bill.objects.filter(settled_on__isnull=True).select_related("tenant")
        self.fields["bill"].label_from_instance = lambda bill: f"{bill.number} · {bill.tenant.name}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        bill = data.get("bill")
        if bill is not None and data.get("tenant") is not None and bill.tenant_id != data["tenant"].pk:
            self.add_error("bill", _("That bill is not one of this tenant's."))
        return data


class CreditNoteForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(MONEY_ATTRS),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ChargeForm(forms.Form):
    lease = forms.ModelChoiceField(
        Lease.objects.filter(status__in=Lease.LIVE).order_by("number"), label=_("Lease")
    )
    kind = forms.ChoiceField(
        label=_("Charge"),
        choices=[(k.value, k.label) for k in ChargeKind if k not in ("rent", "fee", "utility")],
    )
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(MONEY_ATTRS),
    )
    incurred_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    # Generated when the form is shown: submitting the same form twice records one charge.
    idempotency_key = forms.CharField(
        widget=forms.HiddenInput, max_length=64, required=False, initial=lambda: uuid.uuid4().hex
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("idempotency_key"):
            raise forms.ValidationError(_("The form has expired; open it again."))
        return data


class DepositForm(forms.Form):
    lease = forms.ModelChoiceField(Lease.objects.exclude(status="draft").order_by("number"), label=_("Lease"))
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(MONEY_ATTRS),
    )
    method = forms.ChoiceField(
        label=pgettext_lazy("payment", "Method"),
        choices=[(m.value, m.label) for m in Payment.Method if m != Payment.Method.DEPOSIT],
    )
    on = forms.DateField(label=_("Received on"), widget=DATE, initial=timezone.localdate)


class PayeeForm(forms.Form):
    """Who a deposit refund is paid to: recorded on the request, printed on the refund notice."""

    payee_name = forms.CharField(label=_("Payee"), max_length=200, required=False)
    payee_bank = forms.CharField(label=_("Payee's bank"), max_length=200, required=False)
    payee_account = forms.CharField(label=_("Payee's account number"), max_length=64, required=False)


class BankStatementForm(forms.Form):
    account = forms.ModelChoiceField(
        PayeeAccount.objects.order_by("label"),
        label=_("Bank account"),
        required=False,
        empty_label=_("Standard layout (date, amount, reference, payer, serial)"),
        help_text=_("The file is read as this account's statement layout says."),
    )
    file = forms.FileField(
        label=_("Bank statement (CSV or XLSX)"),
        help_text=_(
            "Any bank's CSV (UTF-8 or GBK) or XLSX export. Without an account: columns date, amount, "
            "reference, payer and, when the bank gives one, its serial number; a header row first."
        ),
    )

    def clean_account(self) -> PayeeAccount | None:
        account = self.cleaned_data.get("account")
        if account is not None and not StatementLayout.objects.filter(account=account).exists():
            raise forms.ValidationError(
                _("This account's statement layout is not set yet: set it on the payee accounts page.")
            )
        return account


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)
    building = forms.ModelChoiceField(Building.objects.order_by("code"), label=_("Building"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes before the start."))
        return data


class ClosePeriodForm(forms.Form):
    month = MonthField(label=_("Month to close"))


class FapiaoRequestForm(forms.Form):
    title = forms.CharField(label=_("Invoice title"), max_length=200)
    tax_number = forms.RegexField(
        label=_("Tax number"),
        regex=r"^[0-9A-Z]{15,20}$",
        max_length=20,
        error_messages={"invalid": _("A tax number is 15 to 20 digits or capital letters.")},
    )


class FapiaoIssueForm(forms.Form):
    fapiao_number = forms.RegexField(
        label=_("Fapiao number"),
        regex=r"^[0-9]{8,20}$",
        error_messages={"invalid": _("A fapiao number is 8 to 20 digits.")},
    )
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE, initial=timezone.localdate)
