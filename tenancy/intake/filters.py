"""The application list's search box and filters."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import Application
from .selectors import applications_matching


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", help_text=_("Number, applicant or credit code")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Application.Status.choices, empty_label=_("All statuses")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Application.Channel.choices, empty_label=_("All channels")
    )

    class Meta:
        model = Application
        fields = ["q", "status", "channel"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs.update({"class": css, "aria-label": str(field.label)})
        self.form.fields["q"].widget.attrs["placeholder"] = str(self.form.fields["q"].help_text)

    def search(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet[Application]:
        return applications_matching(value, queryset)
