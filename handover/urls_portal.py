"""Portal pages of handover, included into the ``portal`` namespace by ``tenancy/urls_portal.py``."""

from django.urls import path

from . import portal

urlpatterns = [
    path("", portal.portal_visit_list, name="handover-visits"),
    path("rectifications/<int:pk>/confirm/", portal.portal_rectification_confirm, name="handover-confirm"),
]
