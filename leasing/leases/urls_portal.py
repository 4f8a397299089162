"""The tenant's lease pages, included in the portal namespace (``portal:lease-detail``)."""

from django.urls import path

from . import portal

urlpatterns = [
    path("", portal.portal_lease_list, name="lease-list"),
    path("<int:pk>/", portal.portal_lease_detail, name="lease-detail"),
]
