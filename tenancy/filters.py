"""The tenant list's search box and filters."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Tenant
from .selectors import tenant_search


class TenantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Name, credit code, or a contact's name or mobile"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=Tenant.Kind.choices, empty_label=_("Any kind")
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=Tenant.Status.choices, empty_label=_("Any status")
    )

    class Meta:
        model = Tenant
        fields = ["q", "kind", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            css = "form-select" if name in ("kind", "status") else "form-control"
            field.widget.attrs.update({"class": css, "aria-label": str(field.label)})
        self.form.fields["q"].widget.attrs["placeholder"] = str(self.form.fields["q"].help_text)

    def search(self, queryset: QuerySet[Tenant], name: str, value: str) -> QuerySet[Tenant]:
        return tenant_search(queryset, value)
