"""Billing's staff pages, under ``/billing/``."""

from django.urls import path

from .views import bills, collection, money, move_in, payee, reconciliation, reports, settlement, vouchers
from .views import standards as standard_views

app_name = "billing"

urlpatterns = [
    path("", bills.bill_list, name="bill-list"),
    path("bills/<int:pk>/", bills.bill_detail, name="bill-detail"),
    path("bills/<int:pk>/pdf/", bills.bill_pdf, name="bill-pdf"),
    path("bills/<int:pk>/send/", bills.bill_send_view, name="bill-send"),
    path("run/", bills.billing_run_view, name="run"),
    path("run/progress/", bills.billing_run_progress, name="run-progress"),
    path("charges/new/", bills.charge_create, name="charge-create"),
    path("payments/", money.payment_list, name="payment-list"),
    path("payments/new/", money.payment_create, name="payment-create"),
    path("payments/<int:pk>/", money.payment_detail, name="payment-detail"),
    path("payments/<int:pk>/receipt/", money.receipt_pdf, name="receipt-pdf"),
    path("payments/bank/", money.bank_import, name="bank-import"),
    path("deposits/", money.deposit_list, name="deposit-list"),
    path("payments/methods/", reconciliation.payment_methods, name="payment-methods"),
    path("payees/", payee.payee_list, name="payee-list"),
    path("payees/new/", payee.payee_edit, name="payee-create"),
    path("payees/<int:pk>/", payee.payee_edit, name="payee-edit"),
    path("payees/<int:pk>/layout/", payee.statement_layout_edit, name="statement-layout"),
    path("move-in/", move_in.move_in_charges, name="move-in-charges"),
    path("move-in/<int:lease_pk>/issue/", move_in.move_in_charge_issue, name="move-in-charge-issue"),
    path("refunds/<int:pk>/decide/", money.refund_decide, name="refund-decide"),
    path("arrears/", reports.arrears, name="arrears"),
    path("statement/<int:tenant_pk>/", reports.statement, name="statement"),
    path("export/", reports.ledger_export, name="export"),
    path("export/vouchers/", vouchers.voucher_export, name="voucher-export"),
    path("export/voucher-accounts/", vouchers.voucher_accounts, name="voucher-accounts"),
    path("periods/close/", reports.period_close_view, name="period-close"),
    path("fapiao/", reports.fapiao_list, name="fapiao-list"),
    path("fapiao/<int:pk>/", reports.fapiao_issue_view, name="fapiao-issue"),
    path("settlement/<int:lease_pk>/", settlement.settlement_view, name="settlement"),
    path("settlement/<int:lease_pk>/override/", settlement.settlement_override, name="settlement-override"),
    path("settlements/awaiting/", settlement.settlement_queue, name="settlement-queue"),
    path("suspended/", reports.suspended, name="suspended"),
    path("collection/", collection.collection_list, name="collection-list"),
    path("collection/<int:pk>/", collection.collection_detail, name="collection-detail"),
    path("collection/<int:pk>/contact/", collection.collection_contact, name="collection-contact"),
    path("collection/<int:pk>/owner/", collection.collection_owner, name="collection-owner"),
    path("collection/<int:pk>/plan/", collection.collection_plan, name="collection-plan"),
    path("recommendations/", collection.recommendation_list, name="recommendation-list"),
    path("recommendations/<int:pk>/", collection.recommendation_decide_view, name="recommendation-decide"),
    path("standards/", standard_views.standard_list, name="standards"),
    path("standards/propose/", standard_views.standard_propose_view, name="standard-propose"),
    path("standards/<int:pk>/", standard_views.standard_proposal, name="standard-proposal"),
    path("standards/<int:pk>/decide/", standard_views.standard_decide, name="standard-decide"),
    path("standards/<int:pk>/withdraw/", standard_views.standard_withdraw_view, name="standard-withdraw"),
    path("standards/history/<str:kind>/", standard_views.standard_history, name="standard-history"),
]
