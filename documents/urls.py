from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<int:pk>/download/", views.document_download, name="download"),
    path("verify/<uuid:token>/", views.document_verify, name="verify"),
]
