from django.urls import path

from . import views, views_imports

app_name = "documents"

urlpatterns = [
    path("<int:pk>/download/", views.document_download, name="download"),
    # Any text: a mistyped or tampered code gets a friendly page, not the site's bare 404.
    path("verify/<str:token>/", views.document_verify, name="verify"),
    path("imports/", views_imports.import_list, name="import-list"),
    path("imports/<slug:kind>/template.xlsx", views_imports.import_template, name="import-template"),
    path("imports/<slug:kind>/upload/", views_imports.import_upload, name="import-upload"),
    path("imports/batch/<int:pk>/", views_imports.import_detail, name="import-detail"),
    path("imports/batch/<int:pk>/commit/", views_imports.import_commit, name="import-commit"),
]
