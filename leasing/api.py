"""The API's space and leases: buildings, floors, units with their occupancy, leases with the terms in force.

Read only, for staff keys with ``space:read`` or ``leases:read``; a key limited to some buildings sees only
theirs. Each list costs the same few queries however many rows a page holds.
"""

from datetime import date
from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from documents.api.views import StaffApiMixin
from documents.models import Scope

from .leases.selectors import SIGNED_AMENDMENTS
from .leases.terms import lease_terms_on
from .models import Building, Floor, Lease, LeaseUnit, Unit


class BuildingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Building
        fields = ["id", "code", "name", "address", "bill_payment_days"]


class FloorSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Floor
        fields = ["id", "building", "number", "label"]


class OccupantSerializer(serializers.Serializer):
    lease = serializers.IntegerField(source="lease_id")
    lease_number = serializers.CharField(source="lease.number")
    tenant = serializers.IntegerField(source="lease.tenant_id")
    tenant_name = serializers.CharField(source="lease.tenant.name")
    until = serializers.DateField(source="end_date")


class UnitSerializer(serializers.ModelSerializer):
    floor_number = serializers.IntegerField(source="floor.number", read_only=True)
    occupant = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "id", "building", "floor", "floor_number", "code", "gross_area", "usable_area", "use", "status",
            "guide_rent", "occupant",
        ]  # fmt: skip

    @extend_schema_field(OccupantSerializer(allow_null=True))
    def get_occupant(self, unit: Unit) -> dict[str, Any] | None:
        """The live lease holding the unit today, if any (the unit's status says the rest)."""
        current = getattr(unit, "current_lease_units", [])
        return OccupantSerializer(current[0]).data if current else None


def _today() -> date:
    return timezone.localdate()


def units_with_occupancy(queryset: QuerySet[Unit]) -> QuerySet[Unit]:
    """Units with the lease holding each today (one query for the page)."""
    today = _today()
    holding = LeaseUnit.objects.filter(
        blocking=True, start_date__lte=today, end_date__gte=today, lease__status__in=Lease.LIVE
    ).select_related("lease__tenant")
    return queryset.select_related("floor").prefetch_related(
        Prefetch("lease_units", queryset=holding, to_attr="current_lease_units")
    )


class UnitFilter(django_filters.FilterSet):
    """The unit list's filters, as on the page: building, floor, status, use, area range."""

    floor = django_filters.NumberFilter(field_name="floor__number")
    area_min = django_filters.NumberFilter(field_name="gross_area", lookup_expr="gte")
    area_max = django_filters.NumberFilter(field_name="gross_area", lookup_expr="lte")

    class Meta:
        model = Unit
        fields = ["building", "floor", "status", "use", "area_min", "area_max"]


class _Buildings(StaffApiMixin):
    """Buildings the key may see."""

    required_scope = Scope.SPACE_READ
    building_path = "pk"
    serializer_class = BuildingSerializer

    def get_queryset(self) -> QuerySet[Building]:
        return self.scoped(Building.objects.order_by("code"))


class BuildingList(_Buildings, generics.ListAPIView):
    pass


class BuildingDetail(_Buildings, generics.RetrieveAPIView):
    pass


class FloorList(StaffApiMixin, generics.ListAPIView):
    """Floors of the buildings the key may see; ``?building=`` for one."""

    required_scope = Scope.SPACE_READ
    serializer_class = FloorSerializer
    filterset_fields = ["building"]

    def get_queryset(self) -> QuerySet[Floor]:
        return self.scoped(Floor.objects.order_by("building_id", "number"))


class _Units(StaffApiMixin):
    """Units with their status and the lease (and tenant) holding each today."""

    required_scope = Scope.SPACE_READ
    serializer_class = UnitSerializer
    filterset_class = UnitFilter

    def get_queryset(self) -> QuerySet[Unit]:
        return units_with_occupancy(
            self.scoped(Unit.objects.order_by("building_id", "floor__number", "code"))
        )


class UnitList(_Units, generics.ListAPIView):
    pass


class UnitDetail(_Units, generics.RetrieveAPIView):
    pass


class TermsSerializer(serializers.Serializer):
    on = serializers.DateField()
    version = serializers.IntegerField()
    end_date = serializers.DateField()
    unit_ids = serializers.ListField(child=serializers.IntegerField())
    area = serializers.DecimalField(max_digits=10, decimal_places=2)
    rent_basis = serializers.CharField()
    rent_rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    fee_basis = serializers.CharField()
    fee_rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    monthly_rent = serializers.DecimalField(max_digits=14, decimal_places=2)
    monthly_fee = serializers.DecimalField(max_digits=14, decimal_places=2)
    payment_cycle = serializers.CharField()
    due_day = serializers.IntegerField()
    late_fee_rate = serializers.DecimalField(max_digits=8, decimal_places=4)
    deposit_amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class LeaseSerializer(serializers.ModelSerializer):
    tenant_name = serializers.CharField(source="tenant.name", read_only=True)
    terms_in_force = serializers.SerializerMethodField()

    class Meta:
        model = Lease
        fields = [
            "id", "number", "tenant", "tenant_name", "building", "status", "start_date", "end_date",
            "effective_end", "signed_at", "move_out_date", "terms_in_force",
        ]  # fmt: skip

    @extend_schema_field(TermsSerializer(allow_null=True))
    def get_terms_in_force(self, lease: Lease) -> dict[str, Any] | None:
        """Signed terms overlaid by the signed amendments effective today; none for a draft."""
        if lease.status in (Lease.Status.DRAFT, Lease.Status.CANCELLED):
            return None
        terms = lease_terms_on(
            lease, _today(), amendments=lease.signed_amendments, lease_units=list(lease.lease_units.all())
        )
        return TermsSerializer(terms).data


class LeaseFilter(django_filters.FilterSet):
    """The contract ledger's filters: status, building, tenant, ending between two dates."""

    ends_after = django_filters.DateFilter(field_name="end_date", lookup_expr="gte")
    ends_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte")

    class Meta:
        model = Lease
        fields = ["status", "building", "tenant", "ends_after", "ends_before"]


class _Leases(StaffApiMixin):
    """Leases with their terms in force today (amendments applied)."""

    required_scope = Scope.LEASES_READ
    serializer_class = LeaseSerializer
    filterset_class = LeaseFilter

    def get_queryset(self) -> QuerySet[Lease]:
        return self.scoped(
            Lease.objects.select_related("tenant")
            .prefetch_related(SIGNED_AMENDMENTS, "lease_units")
            .order_by("-start_date", "-pk")
        )


class LeaseList(_Leases, generics.ListAPIView):
    pass


class LeaseDetail(_Leases, generics.RetrieveAPIView):
    pass
