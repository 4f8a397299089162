"""The API's billing for staff keys: bills, payments, arrears and journal entries to read; payments to record
with an ``Idempotency-Key`` (the same key again, even twenty times at once, is one payment).

Payments go through ``payment_record``, as on the finance page, acting as the key's own user.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from documents.api.errors import error_response
from documents.api.permissions import api_key
from documents.api.serializers import StrictSerializer
from documents.api.views import StaffApiMixin, building_scoped
from documents.errors import DomainError
from documents.models import Scope
from tenancy.models import Tenant

from .models import Bill, BillLine, JournalEntry, JournalLine, Payment
from .selectors import age_bucket, bills_with_balance
from .services.payments import PaymentInput, payment_record

ZERO = Decimal("0.00")
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


class BillLineSerializer(serializers.ModelSerializer):
    description = serializers.CharField(source="description_shown", read_only=True)

    class Meta:
        model = BillLine
        fields = ["kind", "description", "period_start", "period_end", "amount"]


class BillSerializer(serializers.ModelSerializer):
    outstanding = serializers.DecimalField(read_only=True, **MONEY)
    paid_total = serializers.DecimalField(read_only=True, **MONEY)
    late_fee_total = serializers.DecimalField(read_only=True, **MONEY)
    credited_total = serializers.DecimalField(read_only=True, **MONEY)
    lines = BillLineSerializer(many=True, read_only=True)

    class Meta:
        model = Bill
        fields = [
            "id", "number", "kind", "tenant", "lease", "building", "period_start", "period_end",
            "issue_date", "due_date", "total", "late_fee_total", "paid_total", "credited_total",
            "outstanding",
            "settled_on", "lines",
        ]  # fmt: skip


class BillFilter(django_filters.FilterSet):
    """The bill list's filters: tenant, building, kind, open or settled, due between two dates."""

    open = django_filters.BooleanFilter(field_name="settled_on", lookup_expr="isnull")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = Bill
        fields = ["tenant", "building", "lease", "kind", "open", "due_after", "due_before"]


def bills_for_api(queryset: QuerySet[Bill]) -> QuerySet[Bill]:
    """Bills with their balance and lines (two queries a page)."""
    return bills_with_balance(queryset).prefetch_related(Prefetch("lines", BillLine.objects.order_by("pk")))


class _Bills(StaffApiMixin):
    required_scope = Scope.BILLING_READ
    serializer_class = BillSerializer
    filterset_class = BillFilter

    def get_queryset(self) -> QuerySet[Bill]:
        return bills_for_api(self.scoped(Bill.objects.order_by("-issue_date", "-pk")))


class BillList(_Bills, generics.ListAPIView):
    """Bills with what each still asks for."""


class BillDetail(_Bills, generics.RetrieveAPIView):
    pass


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = [
            "id",
            "number",
            "tenant",
            "amount",
            "method",
            "reference",
            "payer",
            "received_on",
            "created_at",
        ]


class PaymentFilter(django_filters.FilterSet):
    received_after = django_filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = django_filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Payment
        fields = ["tenant", "method", "received_after", "received_before"]


class PaymentInputSerializer(StrictSerializer):
    tenant = serializers.IntegerField(min_value=1)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    method = serializers.ChoiceField(choices=Payment.Method.choices)
    received_on = serializers.DateField()
    reference = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    payer = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="Up to 40 letters, digits, '-', '_', '.' or ':'; the same key again returns the first "
    "payment.",
)
IDEMPOTENCY_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,40}")


def _idempotency_key(request: Request) -> str:
    raw = request.headers.get("Idempotency-Key", "").strip()
    if not IDEMPOTENCY_PATTERN.fullmatch(raw):
        raise DomainError(
            _("Send an Idempotency-Key header: up to 40 letters, digits, '-', '_', '.' or ':'."),
            field="Idempotency-Key",
        )
    key = api_key(request)
    return f"api:{key.pk if key else 0}:{raw}"


def _same_payment(payment: Payment, data: dict[str, Any]) -> bool:
    return (
        payment.tenant_id == data["tenant"]
        and payment.amount == data["amount"]
        and payment.method == data["method"]
        and payment.received_on == data["received_on"]
    )


class _Payments(StaffApiMixin):
    building_path = "tenant__leases__building"
    serializer_class = PaymentSerializer
    filterset_class = PaymentFilter

    def get_queryset(self) -> QuerySet[Payment]:
        return self.scoped(Payment.objects.order_by("-received_on", "-pk"))

    def get_required_scope(self) -> str:
        return Scope.PAYMENTS_WRITE if self.request.method == "POST" else Scope.BILLING_READ

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.required_scope = self.get_required_scope()
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class PaymentList(_Payments, generics.ListAPIView):
    """Payments received; POST records one (``payments:write``), matched to the oldest open bills."""

    @extend_schema(
        request=PaymentInputSerializer,
        responses={201: PaymentSerializer, 200: PaymentSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    def post(self, request: Request) -> Response:
        data = PaymentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        idempotency_key = _idempotency_key(request)
        tenants = building_scoped(request, Tenant.objects.all(), "leases__building")
        tenant = tenants.filter(pk=values["tenant"]).first()
        if tenant is None:
            raise DomainError(_("No such tenant."), field="tenant")
        payment, created = payment_record(
            data=PaymentInput(
                tenant=tenant,
                amount=values["amount"],
                method=values["method"],
                received_on=values["received_on"],
                idempotency_key=idempotency_key,
                reference=values["reference"],
                payer=values["payer"],
            ),
            by=request.user,
        )
        if not created and not _same_payment(payment, values):
            message = _("This Idempotency-Key was used for another payment.")
            return error_response(status.HTTP_409_CONFLICT, "idempotency_conflict", message)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(PaymentSerializer(payment).data, status=code)


class PaymentDetail(_Payments, generics.RetrieveAPIView):
    pass


class ArrearsSerializer(serializers.Serializer):
    tenant = serializers.IntegerField()
    name = serializers.CharField()
    current = serializers.DecimalField(**MONEY)
    d30 = serializers.DecimalField(**MONEY)
    d60 = serializers.DecimalField(**MONEY)
    d90 = serializers.DecimalField(**MONEY)
    over90 = serializers.DecimalField(**MONEY)
    total = serializers.DecimalField(**MONEY)
    overdue = serializers.DecimalField(**MONEY)


def arrears_rows(bills: QuerySet[Bill], today: date) -> list[dict[str, Any]]:
    """What each tenant owes by age (as on the ageing page), most overdue first."""
    rows: dict[int, dict[str, Any]] = {}
    open_bills = bills_with_balance(bills.filter(settled_on__isnull=True)).filter(outstanding__gt=0)
    for tenant_id, name, due, outstanding in open_bills.values_list(
        "tenant_id", "tenant__name", "due_date", "outstanding"
    ):
        buckets = dict.fromkeys(("current", "d30", "d60", "d90", "over90"), ZERO)
        row = rows.setdefault(tenant_id, {"tenant": tenant_id, "name": name, **buckets})
        row[age_bucket((today - due).days)] += outstanding
    for row in rows.values():
        row["total"] = row["current"] + row["d30"] + row["d60"] + row["d90"] + row["over90"]
        row["overdue"] = row["total"] - row["current"]
    return sorted(rows.values(), key=lambda r: (-r["overdue"], -r["total"], r["name"]))


class ArrearsList(StaffApiMixin, generics.ListAPIView):
    """Arrears by age per tenant (0–30, 31–60, 61–90, over 90 days past due), of the key's buildings."""

    required_scope = Scope.BILLING_READ
    serializer_class = ArrearsSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return arrears_rows(self.scoped(Bill.objects.all()), timezone.localdate())


class JournalLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = JournalLine
        fields = ["account", "tenant", "debit", "credit"]


class JournalEntrySerializer(serializers.ModelSerializer):
    memo = serializers.CharField(source="memo_shown", read_only=True)
    lines = JournalLineSerializer(many=True, read_only=True)

    class Meta:
        model = JournalEntry
        fields = ["id", "date", "memo", "source", "tenant", "building", "created_at", "lines"]


class JournalFilter(django_filters.FilterSet):
    """Entries by date range (both ends required), optionally of one tenant or building."""

    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", required=True)
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", required=True)

    class Meta:
        model = JournalEntry
        fields = ["date_from", "date_to", "tenant", "building", "source"]


class JournalEntryList(StaffApiMixin, generics.ListAPIView):
    """Journal entries (vouchers) with their lines, by date; balanced, append-only."""

    required_scope = Scope.LEDGER_READ
    serializer_class = JournalEntrySerializer
    filterset_class = JournalFilter

    def get_queryset(self) -> QuerySet[JournalEntry]:
        lines = Prefetch("lines", JournalLine.objects.order_by("pk"))
        return self.scoped(JournalEntry.objects.prefetch_related(lines).order_by("date", "pk"))


def payment_get(request: Request, pk: int) -> Payment:
    return get_object_or_404(
        building_scoped(request, Payment.objects.all(), "tenant__leases__building"), pk=pk
    )
