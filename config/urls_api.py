"""The REST API, version 1 (/api/v1/): staff keys' resources, the tenant token's ``portal/`` part, the
OpenAPI schema and its documentation pages (Swagger UI and Redoc served from our own static files)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from billing import api as billing
from billing import api_portal as billing_portal
from documents.api.errors import api_not_found
from fitout import api as fitout
from handover import api as handover
from leasing import api as leasing
from servicedesk import api as servicedesk
from tenancy import api as tenancy

app_name = "api"

staff = [
    path("buildings/", leasing.BuildingList.as_view(), name="building-list"),
    path("buildings/<int:pk>/", leasing.BuildingDetail.as_view(), name="building-detail"),
    path("floors/", leasing.FloorList.as_view(), name="floor-list"),
    path("units/", leasing.UnitList.as_view(), name="unit-list"),
    path("units/<int:pk>/", leasing.UnitDetail.as_view(), name="unit-detail"),
    path("leases/", leasing.LeaseList.as_view(), name="lease-list"),
    path("leases/<int:pk>/", leasing.LeaseDetail.as_view(), name="lease-detail"),
    path("tenants/", tenancy.TenantList.as_view(), name="tenant-list"),
    path("tenants/<int:pk>/", tenancy.TenantDetail.as_view(), name="tenant-detail"),
    path("contacts/", tenancy.ContactList.as_view(), name="contact-list"),
    path("applications/", tenancy.ApplicationCreate.as_view(), name="application-create"),
    path("bills/", billing.BillList.as_view(), name="bill-list"),
    path("bills/<int:pk>/", billing.BillDetail.as_view(), name="bill-detail"),
    path("payments/", billing.PaymentList.as_view(), name="payment-list"),
    path("payments/<int:pk>/", billing.PaymentDetail.as_view(), name="payment-detail"),
    path("arrears/", billing.ArrearsList.as_view(), name="arrears"),
    path("journal-entries/", billing.JournalEntryList.as_view(), name="journal-entry-list"),
    path("worker-passes/", fitout.WorkerPassList.as_view(), name="worker-pass-list"),
    path("worker-passes/<int:pk>/", fitout.WorkerPassDetail.as_view(), name="worker-pass-detail"),
    path("tickets/", servicedesk.TicketList.as_view(), name="ticket-list"),
    path("tickets/<int:pk>/", servicedesk.TicketDetail.as_view(), name="ticket-detail"),
    path("meter-rounds/", handover.MeterRoundList.as_view(), name="meter-round-list"),
    path("meter-rounds/<int:pk>/", handover.MeterRoundDetail.as_view(), name="meter-round-detail"),
    path(
        "meter-rounds/<int:pk>/readings/", handover.MeterRoundReadings.as_view(), name="meter-round-readings"
    ),
]

portal = [
    path("portal/token/", tenancy.TokenObtain.as_view(), name="token"),
    path("portal/bills/", billing_portal.TenantBillList.as_view(), name="portal-bill-list"),
    path("portal/bills/<int:pk>/", billing_portal.TenantBillDetail.as_view(), name="portal-bill-detail"),
    path("portal/bills/<int:pk>/pdf/", billing_portal.TenantBillPdf.as_view(), name="portal-bill-pdf"),
    path("portal/payments/", billing_portal.TenantPaymentList.as_view(), name="portal-payment-list"),
    path(
        "portal/payments/<int:pk>/",
        billing_portal.TenantPaymentDetail.as_view(),
        name="portal-payment-detail",
    ),
    path(
        "portal/payments/<int:pk>/fapiao/",
        billing_portal.TenantFapiaoRequest.as_view(),
        name="portal-payment-fapiao",
    ),
    path("portal/statement/", billing_portal.TenantStatement.as_view(), name="portal-statement"),
    path("portal/statement/pdf/", billing_portal.TenantStatementPdf.as_view(), name="portal-statement-pdf"),
    path("portal/tickets/", servicedesk.TenantTicketList.as_view(), name="portal-ticket-list"),
    path("portal/tickets/<int:pk>/", servicedesk.TenantTicketDetail.as_view(), name="portal-ticket-detail"),
    path("portal/tickets/<int:pk>/rate/", servicedesk.TenantTicketRate.as_view(), name="portal-ticket-rate"),
]

docs = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]

# Last: whatever else is asked under /api/v1/ is a 404 in the API's error body, not an HTML page.
fallback = [re_path(r"^.*$", api_not_found, name="not-found")]

urlpatterns = staff + portal + docs + fallback
