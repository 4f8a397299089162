"""The API's tenants: tenants and contacts for staff keys (ID numbers masked without the confidential scope),
applications from the company website, and the token a portal user's app obtains.
"""

import uuid
from typing import Any

import django_filters
from django.contrib.auth import authenticate
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django_otp import devices_for_user, match_token
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.api.errors import error_response
from documents.api.permissions import api_key
from documents.api.secrets import token_issue
from documents.api.serializers import StrictSerializer
from documents.api.views import StaffApiMixin
from documents.errors import DomainError
from documents.models import Scope

from .intake import services as intake
from .intake.links import follow_url
from .models import Application, Contact, Tenant
from .validators import mask_id_number


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "tenant", "name", "position", "mobile", "email", "is_primary"]


class TenantSerializer(serializers.ModelSerializer):
    id_number = serializers.SerializerMethodField()
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta:
        model = Tenant
        fields = [
            "id", "kind", "name", "credit_code", "id_number", "legal_representative", "phone", "email",
            "address", "language", "status", "contacts",
        ]  # fmt: skip

    def get_id_number(self, tenant: Tenant) -> str:
        """A person's resident ID in full only for a key with the confidential scope."""
        key = api_key(self.context["request"])
        if key is not None and Scope.CONFIDENTIAL in key.scopes:
            return tenant.id_number
        return mask_id_number(tenant.id_number)


class TenantFilter(django_filters.FilterSet):
    """The tenant list's filters: kind, status and a name or identifier search."""

    q = django_filters.CharFilter(method="search")

    class Meta:
        model = Tenant
        fields = ["kind", "status", "q"]

    def search(self, queryset: QuerySet[Tenant], name: str, value: str) -> QuerySet[Tenant]:
        return queryset.filter(name__icontains=value) | queryset.filter(credit_code=value.upper())


class _Tenants(StaffApiMixin):
    """Tenants with their contacts. A key limited to some buildings sees the tenants leasing there."""

    required_scope = Scope.TENANTS_READ
    building_path = "leases__building"
    serializer_class = TenantSerializer
    filterset_class = TenantFilter

    def get_queryset(self) -> QuerySet[Tenant]:
        return self.scoped(
            Tenant.objects.prefetch_related(
                Prefetch("contacts", Contact.objects.order_by("-is_primary", "pk"))
            ).order_by("name", "pk")
        )


class TenantList(_Tenants, generics.ListAPIView):
    pass


class TenantDetail(_Tenants, generics.RetrieveAPIView):
    pass


class ContactList(StaffApiMixin, generics.ListAPIView):
    """Contacts of the tenants the key may see; ``?tenant=`` for one."""

    required_scope = Scope.TENANTS_READ
    building_path = "tenant__leases__building"
    serializer_class = ContactSerializer
    filterset_fields = ["tenant"]

    def get_queryset(self) -> QuerySet[Contact]:
        return self.scoped(Contact.objects.order_by("tenant_id", "-is_primary", "pk"))


class ApplicationInput(StrictSerializer):
    applicant_kind = serializers.ChoiceField(choices=Tenant.Kind.choices)
    applicant_name = serializers.CharField(max_length=200)
    credit_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    legal_representative = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(max_length=100)
    contact_mobile = serializers.CharField(max_length=20)
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    building = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    area_min = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    area_max = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    unit_codes = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    use = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    headcount = serializers.IntegerField(min_value=1, max_value=100000, required=False, allow_null=True)
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class ApplicationCreated(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    follow_url = serializers.URLField()


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The same key again returns the first result instead of doing it twice.",
)


def idempotency_uuid(request: Request) -> uuid.UUID | None:
    """An application's ``Idempotency-Key``: a UUID (the website's form key), or none."""
    raw = request.headers.get("Idempotency-Key", "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise DomainError(_("The Idempotency-Key must be a UUID."), field="Idempotency-Key") from exc


class ApplicationCreate(StaffApiMixin, APIView):
    """An application from the company website, as the public page takes it: a draft the applicant
    completes (scans) and submits through the private link returned (and e-mailed by the website)."""

    required_scope = Scope.APPLICATIONS_WRITE
    building_path = None

    @extend_schema(
        request=ApplicationInput, responses={201: ApplicationCreated}, parameters=[IDEMPOTENCY_HEADER]
    )
    def post(self, request: Request) -> Response:
        data = ApplicationInput(data=request.data)
        data.is_valid(raise_exception=True)
        key = idempotency_uuid(request)
        repeated = key is not None and Application.objects.filter(idempotency_key=key).exists()
        application = intake.application_create(
            channel=Application.Channel.PUBLIC, idempotency_key=key, **data.validated_data
        )
        body = {
            "id": application.pk,
            "number": application.number,
            "status": application.status,
            "follow_url": follow_url(application),
        }
        return Response(body, status=status.HTTP_200_OK if repeated else status.HTTP_201_CREATED)


class TokenInput(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    otp = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")


class TokenIssued(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


def _portal_user(request: Request, data: dict[str, Any]) -> Any:
    user = authenticate(request._request, username=data["username"], password=data["password"])
    if user is None or user.is_staff or getattr(user, "tenant_membership", None) is None:
        return None
    return user


class TokenObtain(APIView):
    """A portal user's app obtains a token with the username, password and the second factor (a TOTP or
    backup code) where the user has one. Failed attempts count toward the same lock-out as the login page."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenInput, responses={201: TokenIssued})
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = _portal_user(request, data.validated_data)
        if user is None:
            return error_response(
                status.HTTP_401_UNAUTHORIZED, "authentication_failed", _("Wrong username or password.")
            )
        has_second_factor = any(devices_for_user(user, confirmed=True))
        otp = data.validated_data["otp"].strip()
        # An empty code is not tried: a failed try would throttle the device against the next, real one.
        if has_second_factor and (not otp or match_token(user, otp) is None):
            message = _("Enter the code from your authenticator app.")
            return error_response(status.HTTP_401_UNAUTHORIZED, "second_factor", message, {"otp": [message]})
        token, raw = token_issue(user=user)
        return Response({"token": raw, "expires_at": token.expires_at}, status=status.HTTP_201_CREATED)
