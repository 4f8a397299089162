"""Portal pages of intake, included into the ``portal`` namespace by ``tenancy/urls_portal.py``."""

from django.urls import path

from . import portal

urlpatterns = [
    path("", portal.portal_application_list, name="applications"),
    path("new/", portal.portal_application_create, name="application-create"),
    path("<int:pk>/", portal.portal_application_detail, name="application-detail"),
]
