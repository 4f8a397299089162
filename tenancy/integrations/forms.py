"""Management's form for a new API key: name, scopes, buildings (none: all), expiry."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.models import Scope, WebhookEvent
from leasing.models import Building


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("integration", "Name"),
        max_length=100,
        help_text=_("The system that will use it, e.g. the gate system."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("May"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    buildings = forms.MultipleChoiceField(
        label=_("Buildings it sees"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every building."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The key works through this day; empty: until revoked."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buildings"].choices = [
            (str(pk), f"{code} · {name}")
            for pk, code, name in Building.objects.values_list("pk", "code", "name")
        ]


class WebhookForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("integration", "Name"), max_length=100, help_text=_("The receiving system.")
    )
    url = forms.CharField(
        label=_("Address"), max_length=500, help_text=_("HTTPS address that receives the signed deliveries.")
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )
