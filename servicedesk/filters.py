"""The ticket list's filters: status, kind, category, building, owner, department, and the SLA state."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from leasing.models import Building

from .clocks import at_risk_q, breached_q
from .forms import CategoryChoiceField, UserChoiceField, _staff
from .models import Category, Department, Ticket
from .permissions import RECEIVERS


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class UserFilter(django_filters.ModelChoiceFilter):
    field_class = UserChoiceField


def _receivers(request: Any) -> QuerySet[Any]:
    return _staff(RECEIVERS)


def _select() -> forms.Select:
    return forms.Select(attrs={"class": "form-select form-select-sm"})


class TicketFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": _("Number, tenant or description"),
                "type": "search",
            }
        ),
    )
    status = django_filters.ChoiceFilter(
        label=capfirst(_("status")),
        choices=Ticket.Status.choices,
        empty_label=_("Any status"),
        widget=_select(),
    )
    kind = django_filters.ChoiceFilter(
        label=capfirst(_("kind")), choices=Ticket.Kind.choices, empty_label=_("Any kind"), widget=_select()
    )
    category = CategoryFilter(
        label=capfirst(_("category")),
        queryset=Category.objects.order_by("name"),
        empty_label=_("Any category"),
        widget=_select(),
    )
    building = django_filters.ModelChoiceFilter(
        label=capfirst(_("building")),
        queryset=Building.objects.order_by("code"),
        empty_label=_("Any building"),
        widget=_select(),
    )
    owner = UserFilter(
        label=capfirst(_("owner")), queryset=_receivers, empty_label=_("Anyone"), widget=_select()
    )
    department = django_filters.ChoiceFilter(
        label=capfirst(_("department")),
        choices=Department.choices,
        empty_label=_("Any department"),
        widget=_select(),
    )
    sla = django_filters.ChoiceFilter(
        label=capfirst(_("deadline")),
        choices=[("breached", _("Past deadline")), ("at_risk", _("At risk"))],
        empty_label=_("Any"),
        method="filter_sla",
        widget=_select(),
    )

    class Meta:
        model = Ticket
        fields = ["q", "status", "kind", "category", "building", "owner", "department", "sla"]

    def search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        text = value.strip()
        if not text:
            return queryset
        number = text.upper().removeprefix("SR")
        query = Q(description__icontains=text) | Q(tenant__name__icontains=text)
        if number.isdigit():
            query |= Q(pk=int(number))
        return queryset.filter(query)

    def filter_sla(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        now = timezone.now()
        if value == "breached":
            return queryset.filter(breached_q(now))
        if value == "at_risk":
            return queryset.filter(at_risk_q(now))
        return queryset
