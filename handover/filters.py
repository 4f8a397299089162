"""Filters of the visit list."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import PreInspection, Visit


class VisitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Visit.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Visit.Status.choices)
    # The open visits whose pre-inspection by this department is still to be recorded (the dashboard's card).
    pre_inspection = django_filters.ChoiceFilter(
        label=_("pre-inspection due"), choices=PreInspection.Department.choices, method="pre_inspection_due"
    )

    class Meta:
        model = Visit
        fields = ["q", "kind", "status", "pre_inspection"]

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

    def pre_inspection_due(self, queryset: QuerySet[Visit], name: str, value: str) -> QuerySet[Visit]:
        due = PreInspection.objects.filter(department=value, done_at__isnull=True).values("visit_id")
        return queryset.filter(status=Visit.Status.OPEN, pk__in=due)
