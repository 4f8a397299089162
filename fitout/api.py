"""The API's worker passes for the gate and access-control system: each pass with its validity today
(valid, expired, not yet valid, revoked), for staff keys with ``passes:read``; ID numbers masked without the
confidential scope."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework import generics, serializers

from documents.api.permissions import api_key
from documents.api.views import StaffApiMixin
from documents.models import Scope
from tenancy.validators import mask_id_number

from .models import Worker
from .services.workers import pass_status


class WorkerPassSerializer(serializers.ModelSerializer):
    tenant = serializers.IntegerField(source="application.tenant_id", read_only=True)
    tenant_name = serializers.CharField(source="application.tenant.name", read_only=True)
    id_number = serializers.SerializerMethodField()
    validity = serializers.SerializerMethodField()

    class Meta:
        model = Worker
        fields = [
            "id", "pass_number", "name", "id_number", "trade", "application", "tenant", "tenant_name",
            "valid_from", "valid_until", "revoked_at", "revoked_reason", "validity",
        ]  # fmt: skip

    def get_id_number(self, worker: Worker) -> str:
        key = api_key(self.context["request"])
        return (
            worker.id_number
            if key is not None and Scope.CONFIDENTIAL in key.scopes
            else mask_id_number(worker.id_number)
        )

    def get_validity(self, worker: Worker) -> str:
        """valid, expired, not_yet or revoked, today."""
        return pass_status(worker, timezone.localdate())


class WorkerPassFilter(django_filters.FilterSet):
    """``valid=true`` the passes the gate lets through today (``false`` the others); by number or fit-out."""

    valid = django_filters.BooleanFilter(method="filter_valid")
    number = django_filters.CharFilter(field_name="pass_number", lookup_expr="iexact")

    class Meta:
        model = Worker
        fields = ["application", "number", "valid"]

    def filter_valid(self, queryset: QuerySet[Worker], name: str, value: Any) -> QuerySet[Worker]:
        today = timezone.localdate()
        valid = Q(revoked_at__isnull=True, valid_from__lte=today, valid_until__gte=today)
        return queryset.filter(valid) if value else queryset.exclude(valid)


class _Passes(StaffApiMixin):
    required_scope = Scope.PASSES_READ
    building_path = "application__lease__building"
    serializer_class = WorkerPassSerializer
    filterset_class = WorkerPassFilter

    def get_queryset(self) -> QuerySet[Worker]:
        return self.scoped(
            Worker.objects.select_related("application__tenant").order_by("-created_at", "-pk")
        )


class WorkerPassList(_Passes, generics.ListAPIView):
    """Worker passes with their validity today."""


class WorkerPassDetail(_Passes, generics.RetrieveAPIView):
    pass
