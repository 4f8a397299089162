"""The credit assessment form: three scores and the reason."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AssessmentForm(forms.Form):
    operations = forms.IntegerField(label=_("Operations score (0–100)"), min_value=0, max_value=100)
    finances = forms.IntegerField(label=_("Finances score (0–100)"), min_value=0, max_value=100)
    payments = forms.IntegerField(label=_("Payment record score (0–100)"), min_value=0, max_value=100)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewCloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome of the review"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
