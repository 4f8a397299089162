"""The report's choice: a month (up to the current one) and a building or the whole portfolio."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.errors import DomainError
from leasing.models import Building
from tenancy.scope import building_ids, scope

from .compose import month_check

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class ReportForm(forms.Form):
    month = forms.DateField(label=_("Month"), widget=MONTH, input_formats=["%Y-%m", "%Y-%m-%d"])
    building = forms.ModelChoiceField(
        Building.objects.order_by("code"),
        label=_("Building"),
        required=False,
        empty_label=_("All buildings"),
    )

    def clean_month(self) -> date:
        month: date = self.cleaned_data["month"].replace(day=1)
        try:
            month_check(month, timezone.localdate())
        except DomainError as error:
            raise forms.ValidationError(error.message) from None
        return month

    @classmethod
    def for_request(cls, data: Any, user: Any = None) -> "ReportForm":
        """The form bound to the query string; without a month, the current month. The buildings to choose
        are the user's; "all buildings" is the user's portfolio (every building for head office)."""
        data = data.copy()
        if not data.get("month"):
            data["month"] = f"{timezone.localdate():%Y-%m}"
        form = cls(data)
        field: Any = form.fields["building"]
        field.queryset = scope(field.queryset, user, "")
        if building_ids(user) is not None:
            field.empty_label = _("All my buildings")
        return form
