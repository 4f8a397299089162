"""The calendar page's forms: one day, or a year's notice pasted line by line."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import CalendarDay


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(
        label=pgettext_lazy("calendar day", "Name"), max_length=100, required=False, help_text=_("e.g. 春节")
    )


class CalendarPasteForm(forms.Form):
    text = forms.CharField(
        label=_("Days, one per line"),
        widget=forms.Textarea(
            attrs={"rows": 8, "placeholder": "2027-02-06..2027-02-13 休 春节\n2027-02-14 班 春节"}
        ),
        help_text=_(
            "A date or a range (first..last), then holiday or workday (休 or 班), then the name. "
            "A listed day is replaced; if one line is wrong nothing is saved."
        ),
    )
