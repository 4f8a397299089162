"""Billing's portal pages, included into the ``portal`` namespace under ``/portal/billing/``."""

from django.urls import path

from . import portal

urlpatterns = [
    path("", portal.portal_billing, name="billing"),
    path("bills/<int:pk>/", portal.portal_bill_detail, name="bill-detail"),
    path("bills/<int:pk>/pdf/", portal.portal_bill_pdf, name="bill-pdf"),
    path("payments/<int:pk>/receipt/", portal.portal_receipt_pdf, name="receipt-pdf"),
    path("payments/<int:pk>/fapiao/", portal.portal_fapiao_request, name="fapiao-request"),
    path("statement/", portal.portal_statement, name="statement"),
]
