"""Forms of the meter-reading round pages: opening a round, and one row per meter on the entry page."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.actors import AnyUser
from leasing.models import Building
from tenancy.scope import scope

from .forms import _style


class RoundOpenForm(forms.Form):
    building = forms.ModelChoiceField(label=_("building"), queryset=Building.objects.order_by("code"))
    month = forms.DateField(
        label=_("month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month as YYYY-MM.")},
    )

    def __init__(self, *args: Any, user: AnyUser | None = None, **kwargs: Any) -> None:
        """Only the user's buildings are offered (and accepted)."""
        kwargs.setdefault("initial", {"month": timezone.localdate().replace(day=1)})
        super().__init__(*args, **kwargs)
        building: Any = self.fields["building"]
        building.queryset = scope(building.queryset, user, "pk")
        _style(self)

    def clean_month(self) -> date:
        return self.cleaned_data["month"].replace(day=1)


class RoundReadingForm(forms.Form):
    """One meter's row: its reading (one input, decimal keypad) and, when it was replaced, the new one."""

    meter_id = forms.IntegerField(widget=forms.HiddenInput)
    reading = forms.DecimalField(
        label=_("reading"),
        max_digits=12,
        decimal_places=2,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter the reading as a number, e.g. 1234.5.")},
    )
    new_number = forms.CharField(label=_("new meter number"), max_length=40, required=False)
    replacement_reason = forms.CharField(
        label=_("reason for the replacement"), max_length=200, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


RoundReadingFormSet = forms.formset_factory(RoundReadingForm, extra=0)
