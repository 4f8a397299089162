from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("tenants/<int:pk>/", views.dossier, name="dossier"),
    path("tenants/<int:pk>/upload/", views.dossier_upload, name="dossier-upload"),
    path(
        "tenants/<int:pk>/documents/<int:document_pk>/remove/",
        views.dossier_document_remove,
        name="document-remove",
    ),
    path("expiring/", views.expiring_list, name="expiring"),
    path("fixity/", views.fixity_list, name="fixity"),
    path("removals/", views.removal_list, name="removals"),
    path("downloads/", views.download_list, name="downloads"),
    path("quarantine/", views.quarantine_list, name="quarantine"),
    path(
        "quarantine/<int:document_pk>/<str:decision>/",
        views.quarantine_decide,
        name="quarantine-decide",
    ),
]
