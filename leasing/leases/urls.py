"""Lease pages, mounted under the leasing namespace (``leasing:lease-detail``)."""

from django.urls import path

from . import reports, views, views_changes, views_credit, views_imported, views_reviews, views_termination

urlpatterns = [
    path("leases/", views.lease_list, name="lease-list"),
    path("leases/new/", views.lease_create, name="lease-create"),
    path("leases/<int:pk>/", views.lease_detail, name="lease-detail"),
    path("leases/<int:pk>/edit/", views.lease_edit, name="lease-edit"),
    path("leases/<int:pk>/sign/", views.lease_sign_view, name="lease-sign"),
    path("leases/<int:pk>/summary.pdf", views.lease_summary_print, name="lease-summary-print"),
    path("leases/<int:pk>/activate/", views.lease_activate, name="lease-activate"),
    path("leases/<int:pk>/cancel/", views.lease_cancel, name="lease-cancel"),
    path(
        "leases/<int:pk>/credit-exception/",
        views_credit.lease_credit_exception_view,
        name="lease-credit-exception",
    ),
    path("leases/<int:pk>/contract/", views_imported.lease_contract_attach, name="lease-contract-attach"),
    path("leases/<int:pk>/amend/", views_changes.amendment_new, name="amendment-create"),
    path("leases/<int:pk>/notice/", views_changes.move_out_notice_new, name="move-out-notice"),
    path("leases/<int:pk>/release/", views_changes.lease_release, name="lease-release"),
    path("leases/<int:pk>/terminate/", views_termination.termination_propose, name="termination-propose"),
    path("terminations/", views_termination.termination_list, name="termination-list"),
    path("terminations/<int:pk>/", views_termination.termination_detail, name="termination-detail"),
    path("amendments/<int:pk>/sign/", views_changes.amendment_sign_view, name="amendment-sign"),
    path("renewals/", views_changes.renewal_case_list, name="renewal-case-list"),
    path("renewals/<int:pk>/", views_changes.renewal_case_detail, name="renewal-case-detail"),
    path("legal-reviews/", views_reviews.legal_review_list, name="legal-review-list"),
    path("legal-reviews/<int:pk>/", views_reviews.legal_review_decide, name="legal-review-decide"),
    path("reports/occupancy/", reports.occupancy, name="report-occupancy"),
    path("reports/ending/", reports.leases_ending, name="report-ending"),
    path("reports/rent-roll/", reports.rent_roll, name="report-rent-roll"),
]
