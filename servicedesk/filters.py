"""The ticket list's filters: status, kind, category, building, owner, department, and the SLA state."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.actors import AnyUser
from leasing.models import Building
from tenancy.people import person_name
from tenancy.scope import scope

from .clocks import at_risk_q, breached_q
from .forms import _staff
from .models import Category, Department, Ticket
from .permissions import RECEIVERS
from .selectors import my_open_tickets


def _category_choices() -> list[tuple[int, str]]:
    rows = Category.objects.order_by("name").values_list("pk", "name", "name_en")
    return [(pk, Category(name=name, name_en=name_en).label) for pk, name, name_en in rows]


def _building_choices(user: AnyUser | None = None) -> list[tuple[int, str]]:
    """The user's buildings (every building for head office)."""
    return list(scope(Building.objects.order_by("code"), user, "").values_list("pk", "name"))


def _owner_choices() -> list[tuple[int, str]]:
    rows = _staff(RECEIVERS).values_list("pk", "first_name", "last_name", "username")
    return [(pk, person_name(first, last, username)) for pk, first, last, username in rows]


class CompactSelect(forms.Select):
    """A select drawn in Python: the list page draws several on every request, and the template-per-option
    rendering of Django's widget was a good part of its time."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),  # noqa: S308
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


def _select() -> forms.Select:
    return CompactSelect(attrs={"class": "form-select form-select-sm"})


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
    # Choices are filled in per request (one plain query each) by __init__.
    category = django_filters.ChoiceFilter(
        label=capfirst(_("category")), empty_label=_("Any category"), widget=_select()
    )
    building = django_filters.ChoiceFilter(
        label=capfirst(_("building")), empty_label=_("Any building"), widget=_select()
    )
    owner = django_filters.ChoiceFilter(
        label=capfirst(pgettext_lazy("service desk", "owner")), empty_label=_("Anyone"), widget=_select()
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

    mine = django_filters.ChoiceFilter(
        label=_("Mine"),
        choices=[("open", _("My open tickets"))],
        empty_label=_("Anyone's"),
        method="filter_mine",
        widget=_select(),
    )

    class Meta:
        model = Ticket
        fields = ["q", "mine", "status", "kind", "category", "building", "owner", "department", "sla"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Plain lists rather than model choice fields: those read their options through a server-side
        # cursor (three round trips each) and again when validating.
        self.filters["category"].extra["choices"] = _category_choices()
        self.filters["building"].extra["choices"] = _building_choices(getattr(self.request, "user", None))
        self.filters["owner"].extra["choices"] = _owner_choices()

    def search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        text = value.strip()
        if not text:
            return queryset
        number = text.upper().removeprefix("SR")
        query = Q(description__icontains=text) | Q(tenant__name__icontains=text)
        if number.isdigit():
            query |= Q(pk=int(number))
        return queryset.filter(query)

    def filter_mine(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        user = getattr(self.request, "user", None)
        if value != "open" or user is None:
            return queryset
        return queryset.filter(pk__in=my_open_tickets(user).values("pk"))

    def filter_sla(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        now = timezone.now()
        if value == "breached":
            return queryset.filter(breached_q(now))
        if value == "at_risk":
            return queryset.filter(at_risk_q(now))
        return queryset
