"""Filters of the visit list."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Visit


class VisitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Visit.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Visit.Status.choices)

    class Meta:
        model = Visit
        fields = ["q", "kind", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.widget.attrs.setdefault("class", "form-control" if name == "q" else "form-select")

    def search(self, queryset: QuerySet[Visit], name: str, value: str) -> QuerySet[Visit]:
        return queryset.filter(
            Q(tenant__name__icontains=value)
            | Q(lease__number__icontains=value)
            | Q(unit__code__icontains=value)
        )
