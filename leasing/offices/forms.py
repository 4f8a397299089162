"""Management's form for an office: its names and code, the buildings it runs, its staff."""

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tenancy.models import ManagementOffice
from tenancy.people import display_name

from ..models import Building


class BuildingsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Building) -> str:
        office = obj.office.name if obj.office_id else _("no office")
        return f"{obj.code} · {obj.name} ({office})"


class MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{display_name(obj)} ({obj.username})"


class OfficeForm(forms.Form):
    name = forms.CharField(label=_("office name"), max_length=100)
    code = forms.CharField(label=_("code"), max_length=20, help_text=_("A short code, e.g. PD or JA."))
    issuing_name = forms.CharField(
        label=_("issuing office name"),
        max_length=200,
        required=False,
        help_text=_("The name that issues this office's documents; blank: the office's name."),
    )
    buildings = BuildingsField(
        Building.objects.select_related("office").order_by("code"),
        label=_("buildings"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A building ticked here leaves the office that ran it."),
    )
    members = MembersField(
        get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username"),
        label=_("staff"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("They see this office's buildings only (unless they also belong to the head office)."),
    )

    def __init__(self, *args: Any, office: ManagementOffice | None = None, **kwargs: Any) -> None:
        if office is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": office.name,
                    "code": office.code,
                    "issuing_name": office.issuing_name,
                    "buildings": list(office.buildings.all()),
                    "members": [m.user for m in office.members.select_related("user")],
                },
            )
        super().__init__(*args, **kwargs)
        if office is not None and office.is_head_office:
            del self.fields["buildings"]
        self.helper = FormHelper()
        self.helper.form_tag = False
