"""The second-factor resets management has made, as a list sorted, paginated and exported by
``documents.lists`` (the reset form shares the page)."""

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy

from ..models import SecondFactorReset
from ..people import display_name


class SecondFactorResetTable(tables.Table):
    created_at = tables.DateTimeColumn(
        "Y-m-d H:i", verbose_name=gettext_lazy("When"), attrs={"td": {"class": "text-nowrap"}}
    )
    user = tables.Column(verbose_name=gettext_lazy("Staff member"), order_by=("user__username",))
    by = tables.Column(verbose_name=gettext_lazy("Reset by"), order_by=("by__username",))
    reason = tables.Column(verbose_name=gettext_lazy("Reason"))

    class Meta:
        model = SecondFactorReset
        fields = ("created_at", "user", "by", "reason")
        attrs = {"class": "table table-sm", "data-testid": "otp-resets"}
        empty_text = gettext_lazy("No resets yet.")

    def render_user(self, value: Any) -> str:
        return display_name(value)

    def value_user(self, value: Any) -> str:
        return display_name(value)

    def render_by(self, value: Any) -> str:
        return display_name(value)

    def value_by(self, value: Any) -> str:
        return display_name(value)
