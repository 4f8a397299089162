"""Management offices, mounted under the leasing namespace (``leasing:office-list``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("offices/", views.office_list, name="office-list"),
    path("offices/new/", views.office_create, name="office-create"),
    path("offices/<int:pk>/edit/", views.office_edit, name="office-edit"),
]
