"""Forms of the arrears file: a contact with its promise, the owner, a payment plan, management's decision."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import DATE, MONEY_ATTRS
from .models import CollectionContact, TerminationRecommendation
from .services.collection import CASE_READERS, MAX_INSTALMENTS


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Contact by"), choices=CollectionContact.Kind.choices)
    contacted_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    person = forms.CharField(label=_("Spoke with"), max_length=100, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CollectionContact.Outcome.choices)
    promised_on = forms.DateField(
        label=_("Promised to pay by"),
        widget=DATE,
        required=False,
        help_text=_("With the outcome “Promised to pay”: the date and the amount."),
    )
    promise_amount = forms.DecimalField(
        label=_("Promised amount"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs=MONEY_ATTRS),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(get_user_model().objects.none(), label=_("Case owner"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        staff = get_user_model().objects.filter(is_active=True, is_staff=True, groups__name__in=CASE_READERS)
        self.fields["owner"].queryset = staff.distinct().order_by("last_name", "first_name", "username")  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    total = forms.DecimalField(
        label=_("Amount to split"),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs=MONEY_ATTRS),
    )
    count = forms.IntegerField(
        label=_("Monthly instalments"), min_value=1, max_value=MAX_INSTALMENTS, initial=3
    )
    first_due = forms.DateField(label=_("First instalment due"), widget=DATE)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


DECISIONS = [
    (TerminationRecommendation.Status.TERMINATE, _("Terminate the lease")),
    (TerminationRecommendation.Status.PLAN, _("Grant a payment plan")),
    (TerminationRecommendation.Status.WAIT, _("Wait until a date")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    effective_date = forms.DateField(
        label=_("Lease ends on"), widget=DATE, required=False, help_text=_("For a termination.")
    )
    wait_until = forms.DateField(
        label=_("Wait until"), widget=DATE, required=False, help_text=_("For a wait.")
    )
    plan_total = forms.DecimalField(
        label=_("Amount to split"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs=MONEY_ATTRS),
        help_text=_("For a payment plan."),
    )
    plan_count = forms.IntegerField(
        label=_("Monthly instalments"), min_value=1, max_value=MAX_INSTALMENTS, required=False
    )
    plan_first_due = forms.DateField(label=_("First instalment due"), widget=DATE, required=False)
