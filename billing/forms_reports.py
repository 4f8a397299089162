"""The arrears page's question: as of which day."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leasing.models import Building


class ArrearsForm(forms.Form):
    """Arrears per building as of today or a past day (what was owed then); a future day is refused."""

    building = forms.ModelChoiceField(
        Building.objects.order_by("code"),
        label=_("Building"),
        required=False,
        empty_label=_("All buildings"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
        ),
    )

    def clean_as_of(self) -> date:
        today = timezone.localdate()
        as_of = self.cleaned_data.get("as_of") or today
        if as_of > today:
            raise forms.ValidationError(_("Arrears can be shown for today or a past day, not a future one."))
        return as_of
