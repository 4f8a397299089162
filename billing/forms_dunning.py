"""The form of a dunning schedule: the day overdue of each stage, and whether it suspends service."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DunningStage
from .services.dunning_schedules import StageInput


class ScheduleForm(forms.Form):
    """One day field and one suspension box per stage, in the order a tenant meets them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in DunningStage.Kind.choices:
            self.fields[f"days_{kind}"] = forms.IntegerField(
                label=_("%(stage)s: days overdue") % {"stage": label}, min_value=1, max_value=3650
            )
            self.fields[f"suspends_{kind}"] = forms.BooleanField(
                label=_("%(stage)s suspends service") % {"stage": label}, required=False
            )

    @staticmethod
    def initial_from(stages: list[tuple[str, int, bool]]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for kind, days, suspends in stages:
            initial[f"days_{kind}"], initial[f"suspends_{kind}"] = days, suspends
        return initial

    def stages(self) -> list[StageInput]:
        data = self.cleaned_data
        return [
            StageInput(kind, data[f"days_{kind}"], data[f"suspends_{kind}"])
            for kind in DunningStage.Kind.values
        ]
