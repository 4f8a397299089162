from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<int:pk>/download/", views.document_download, name="download"),
    # Any text: a mistyped or tampered code gets a friendly page, not the site's bare 404.
    path("verify/<str:token>/", views.document_verify, name="verify"),
]
