"""The form staff publish a building notice with."""

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.actors import AnyUser
from tenancy.scope import building_ids, scope

from ..leases.forms import DATE
from ..models import Building, BuildingNotice, Floor


class BuildingNoticeForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 5}))
    audience = forms.ChoiceField(
        label=_("audience"), choices=BuildingNotice.Audience.choices, widget=forms.RadioSelect
    )
    building = forms.ModelChoiceField(label=_("building"), queryset=Building.objects.none(), required=False)
    floor = forms.ModelChoiceField(label=_("floor"), queryset=Floor.objects.none(), required=False)
    valid_from = forms.DateField(label=_("valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("valid until"), widget=DATE)
    urgent = forms.BooleanField(
        label=_("urgent"), required=False, help_text=_("Urgent notices head the tenants' portal home.")
    )

    def __init__(self, *args: Any, user: AnyUser | None = None, **kwargs: Any) -> None:
        """Office staff choose among their own buildings (a notice to every building is head office's)."""
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = scope(Building.objects.order_by("code"), user, "pk")
        self.fields["floor"].queryset = scope(
            Floor.objects.select_related("building").order_by("building__code", "pk"), user, "building"
        )
        if building_ids(user) is not None:
            audience: Any = self.fields["audience"]
            audience.choices = [c for c in audience.choices if c[0] != BuildingNotice.Audience.ALL]
        self.fields["floor"].label_from_instance = lambda floor: f"{floor.building.code} · {floor}"
        today = timezone.localdate()
        self.initial.setdefault("valid_from", today)
        self.initial.setdefault("valid_until", today)
        self.helper = FormHelper()
        self.helper.form_tag = False
