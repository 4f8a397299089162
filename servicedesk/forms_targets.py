"""The form of a building's own resolution target (management, for the buildings of its office)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leasing.models import Building
from tenancy.scope import scope

from .models import Category


class TargetForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.filter(active=True))
    building = forms.ModelChoiceField(label=_("Building"), queryset=Building.objects.none())
    resolution_target = forms.IntegerField(label=_("Resolution target"), min_value=1)
    resolution_unit = forms.ChoiceField(label=_("Target unit"), choices=Category.TargetUnit.choices)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["building"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = scope(Building.objects.order_by("name"), user, "")
