"""The API's billing for a tenant token: what the portal's billing pages show that user, from its own tenant
only (another tenant's bill or payment is a 404): bills and their PDFs, payments, the statement of account
and its PDF, and a fapiao request for a payment.
"""

from datetime import date
from typing import Any

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.access import tenant_downloadable
from documents.api.serializers import StrictSerializer, problem
from documents.api.views import TenantApiMixin, get_or_404, request_tenant
from documents.models import Document
from documents.views import document_file_response
from tenancy.portal_roles import BILLING_ACTORS, BILLING_READERS

from .api import MONEY, BillSerializer, PaymentSerializer, bills_for_api
from .models import Bill, FapiaoRequest, Payment
from .selectors import tenant_statement
from .services.documents import bill_render
from .services.payments import fapiao_request
from .services.statements import statement_document


def _file(request: Request, document: Document) -> FileResponse:
    """The tenant's own document meant for it (as the portal's download link serves it)."""
    tenant = request_tenant(request)
    if not tenant_downloadable(
        tenant_id=tenant.pk, documents=Document.objects.filter(pk=document.pk)
    ).exists():
        raise Http404
    return document_file_response(request._request, document)


class _TenantBills(TenantApiMixin):
    serializer_class = BillSerializer
    portal_roles = BILLING_READERS

    def get_queryset(self) -> Any:
        return bills_for_api(self.for_tenant(Bill.objects.order_by("-due_date", "-pk")))


class TenantBillList(_TenantBills, generics.ListAPIView):
    """The tenant's bills, newest due first, with what each still asks for."""


class TenantBillDetail(_TenantBills, generics.RetrieveAPIView):
    pass


class TenantBillPdf(TenantApiMixin, APIView):
    """The bill's PDF (rendered once, then served as stored)."""

    portal_roles = BILLING_READERS

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> FileResponse:
        bill = get_or_404(self.for_tenant(Bill.objects.all()), pk=pk)
        return _file(request, bill_render(bill=bill))


class TenantPaymentSerializer(PaymentSerializer):
    fapiao_requested = serializers.SerializerMethodField()

    class Meta(PaymentSerializer.Meta):
        fields = [*PaymentSerializer.Meta.fields, "fapiao_requested"]

    def get_fapiao_requested(self, payment: Payment) -> bool:
        return hasattr(payment, "fapiao_request")


class _TenantPayments(TenantApiMixin):
    serializer_class = TenantPaymentSerializer
    portal_roles = BILLING_READERS

    def get_queryset(self) -> Any:
        return self.for_tenant(
            Payment.objects.select_related("fapiao_request").order_by("-received_on", "-pk")
        )


class TenantPaymentList(_TenantPayments, generics.ListAPIView):
    """The tenant's payments, newest first."""


class TenantPaymentDetail(_TenantPayments, generics.RetrieveAPIView):
    pass


class FapiaoInput(StrictSerializer):
    title = serializers.CharField(max_length=200)
    tax_number = serializers.CharField(max_length=20)


class FapiaoSerializer(serializers.ModelSerializer):
    class Meta:
        model = FapiaoRequest
        fields = ["id", "payment", "title", "tax_number", "fapiao_number", "issued_on", "requested_at"]


class TenantFapiaoRequest(TenantApiMixin, APIView):
    """Ask for a fapiao (VAT invoice) for one of the tenant's payments, once (the tenant's finance people)."""

    portal_roles = BILLING_ACTORS

    @extend_schema(request=FapiaoInput, responses={201: FapiaoSerializer})
    def post(self, request: Request, pk: int) -> Response:
        payment = get_or_404(self.for_tenant(Payment.objects.all()), pk=pk)
        data = FapiaoInput(data=request.data)
        data.is_valid(raise_exception=True)
        fapiao = fapiao_request(payment=payment, by=request.user, **data.validated_data)
        return Response(FapiaoSerializer(fapiao).data, status=status.HTTP_201_CREATED)


class StatementLineSerializer(serializers.Serializer):
    on = serializers.DateField()
    memo = serializers.CharField()
    charged = serializers.DecimalField(**MONEY)
    paid = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)


class StatementSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    opening = serializers.DecimalField(**MONEY)
    closing = serializers.DecimalField(**MONEY)
    lines = StatementLineSerializer(many=True)


class PeriodInput(StrictSerializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        today = timezone.localdate()
        attrs.setdefault("start", today.replace(month=1, day=1))
        attrs.setdefault("end", today)
        if attrs["start"] > attrs["end"]:
            raise problem("end", _("The end of the period comes before its start."))
        return attrs


PERIOD = [
    OpenApiParameter("start", date, required=False, description="First day (default: 1 January)."),
    OpenApiParameter("end", date, required=False, description="Last day (default: today)."),
]


def _period(data: Any) -> tuple[date, date]:
    period = PeriodInput(data=data)
    period.is_valid(raise_exception=True)
    return period.validated_data["start"], period.validated_data["end"]


class TenantStatement(TenantApiMixin, APIView):
    """The statement of account (对账单) for a period: opening balance, every posting, closing balance."""

    portal_roles = BILLING_READERS

    @extend_schema(parameters=PERIOD, responses={200: StatementSerializer})
    def get(self, request: Request) -> Response:
        start, end = _period(request.query_params.dict())
        opening, rows, closing = tenant_statement(request_tenant(request).pk, start, end)
        body = {"start": start, "end": end, "opening": opening, "closing": closing, "lines": rows}
        return Response(StatementSerializer(body).data)


class TenantStatementPdf(TenantApiMixin, APIView):
    """The statement's PDF for a period (printed once per period and content, as in the portal)."""

    portal_roles = BILLING_READERS  # a POST that only prints what these roles may read

    @extend_schema(request=PeriodInput, responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def post(self, request: Request) -> FileResponse:
        start, end = _period(request.data)
        document = statement_document(tenant=request_tenant(request), start=start, end=end, by=request.user)
        return _file(request, document)
