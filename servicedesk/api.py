"""The API's service desk: tickets for staff keys (read; record from other channels: phone system, e-mail
gateway, visit app) and for tenant tokens (the tenant's own: read, report, rate once resolved).

Tickets are written by ``ticket_create`` and ``ticket_rate``, as on the pages: a key records as the front
desk would (its own user receives and owns the ticket), a tenant token as the portal user.
"""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.api.serializers import StrictSerializer
from documents.api.views import StaffApiMixin, TenantApiMixin, building_scoped, get_or_404, request_tenant
from documents.errors import DomainError
from documents.models import Scope
from leasing.models import Building, Unit
from tenancy.models import Tenant
from tenancy.portal_roles import OPERATIONS_ACTORS, OPERATIONS_READERS

from . import services
from .models import Category, Ticket
from .selectors import portal_units


class TicketSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)

    class Meta:
        model = Ticket
        fields = [
            "id", "reference", "kind", "channel", "urgency", "status", "tenant", "building", "unit",
            "location", "category", "category_name", "description", "department", "created_at",
            "acknowledged_at", "resolved_at", "closed_at", "resolution_due_at", "rating",
        ]  # fmt: skip


class TicketFilter(django_filters.FilterSet):
    """The ticket list's filters: status, kind, tenant, building, received between two dates."""

    received_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    received_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Ticket
        fields = ["status", "kind", "tenant", "building", "category", "received_after", "received_before"]


def tickets() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("category").order_by("-created_at", "-pk")


class TicketInput(StrictSerializer):
    kind = serializers.ChoiceField(choices=Ticket.Kind.choices)
    category = serializers.IntegerField(min_value=1)
    description = serializers.CharField(max_length=4000)
    urgency = serializers.ChoiceField(choices=Ticket.Urgency.choices, default=Ticket.Urgency.NORMAL)
    unit = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    building = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")


class StaffTicketInput(TicketInput):
    channel = serializers.ChoiceField(
        choices=[(c, label) for c, label in Ticket.Channel.choices if c != Ticket.Channel.PORTAL]
    )
    tenant = serializers.IntegerField(min_value=1, required=False, allow_null=True)


def _one(queryset: QuerySet, pk: int | None, field: str, message: str) -> Any:
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise DomainError(message, field=field)
    return obj


def _place(request: Request, data: dict[str, Any], units: QuerySet[Unit]) -> dict[str, Any]:

    buildings = building_scoped(request, Building.objects.all(), "pk")
    return {
        "category": _one(Category.objects.all(), data["category"], "category", _("No such category.")),
        "unit": _one(units, data.get("unit"), "unit", _("No such unit.")),
        "building": _one(buildings, data.get("building"), "building", _("No such building.")),
    }


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    keep = ("kind", "description", "urgency", "location", "contact_name", "contact_phone")
    return {name: data[name] for name in keep if name in data}


class _StaffTickets(StaffApiMixin):
    serializer_class = TicketSerializer
    filterset_class = TicketFilter

    def get_queryset(self) -> QuerySet[Ticket]:
        return self.scoped(tickets())

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.required_scope = Scope.TICKETS_WRITE if request.method == "POST" else Scope.TICKETS_READ
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class TicketList(_StaffTickets, generics.ListAPIView):
    """Tickets, newest first; POST records one received by another channel (``tickets:write``)."""

    @extend_schema(request=StaffTicketInput, responses={201: TicketSerializer})
    def post(self, request: Request) -> Response:

        data = StaffTicketInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        tenants = building_scoped(request, Tenant.objects.all(), "leases__building")
        units = building_scoped(request, Unit.objects.select_related("building"), "building")
        ticket = services.ticket_create(
            by=request.user,
            channel=values["channel"],
            tenant=_one(tenants, values.get("tenant"), "tenant", _("No such tenant.")),
            **_place(request, values, units),
            **_fields(values),
        )
        return Response(TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)


class TicketDetail(_StaffTickets, generics.RetrieveAPIView):
    pass


class _TenantTickets(TenantApiMixin):
    serializer_class = TicketSerializer
    # As the portal's repair pages: finance people see no repairs, read-only people report none.
    portal_roles = OPERATIONS_READERS
    portal_write_roles = OPERATIONS_ACTORS

    def get_queryset(self) -> QuerySet[Ticket]:
        return self.for_tenant(tickets())


class TenantTicketList(_TenantTickets, generics.ListAPIView):
    """The tenant's tickets; POST reports one (on its own units, or a common area of a building)."""

    @extend_schema(request=TicketInput, responses={201: TicketSerializer})
    def post(self, request: Request) -> Response:
        data = TicketInput(data=request.data)
        data.is_valid(raise_exception=True)
        tenant = request_tenant(request)
        units = portal_units(tenant).select_related("building")
        ticket = services.ticket_create(
            by=request.user,
            tenant=tenant,
            channel=Ticket.Channel.PORTAL,
            **_place(request, data.validated_data, units),
            **_fields(data.validated_data),
        )
        return Response(TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)


class TenantTicketDetail(_TenantTickets, generics.RetrieveAPIView):
    pass


class RatingInput(StrictSerializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class TenantTicketRate(TenantApiMixin, APIView):
    """Rate a resolved ticket from 1 to 5: 3 to 5 closes it, 1 or 2 reopens it to the owner's manager."""

    portal_roles = OPERATIONS_ACTORS

    @extend_schema(request=RatingInput, responses={200: TicketSerializer})
    def post(self, request: Request, pk: int) -> Response:
        ticket = get_or_404(self.for_tenant(tickets()), pk=pk)
        data = RatingInput(data=request.data)
        data.is_valid(raise_exception=True)
        ticket = services.ticket_rate(ticket=ticket, by=request.user, **data.validated_data)
        return Response(TicketSerializer(ticket).data)
