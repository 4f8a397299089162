from django.urls import path

from . import views
from .credit import views as credit_views

app_name = "tenancy"

urlpatterns = [
    path("", views.tenant_list, name="tenant-list"),
    path("new/", views.tenant_create, name="tenant-create"),
    path("<int:pk>/", views.tenant_detail, name="tenant-detail"),
    path("<int:pk>/edit/", views.tenant_edit, name="tenant-edit"),
    path("<int:pk>/documents/", views.tenant_documents, name="tenant-documents"),
    path("<int:pk>/history/", views.tenant_history, name="tenant-history"),
    path("<int:pk>/applications/", views.tenant_applications, name="tenant-applications"),
    path("<int:pk>/credit/", credit_views.tenant_credit, name="tenant-credit"),
    path("credit-reviews/", credit_views.credit_review_list, name="credit-review-list"),
    path("credit-reviews/<int:pk>/close/", credit_views.credit_review_close, name="credit-review-close"),
    path("<int:pk>/card/", views.tenant_card, name="tenant-card"),
    path("<int:pk>/contacts/new/", views.contact_add, name="contact-add"),
    path("<int:pk>/contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact-edit"),
    path("<int:pk>/contacts/<int:contact_pk>/remove/", views.contact_remove, name="contact-remove"),
    path("<int:pk>/portal-accounts/new/", views.portal_account_add, name="portal-account-add"),
    path(
        "<int:pk>/portal-accounts/<int:membership_pk>/deactivate/",
        views.portal_account_deactivate,
        name="portal-account-deactivate",
    ),
    path(
        "<int:pk>/portal-accounts/<int:membership_pk>/reset-link/",
        views.portal_account_reset_link,
        name="portal-account-reset-link",
    ),
]
