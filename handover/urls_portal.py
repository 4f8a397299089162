"""Portal pages of handover, included into the ``portal`` namespace by ``tenancy/urls_portal.py``."""

from django.urls import path

from . import portal, portal_freight

urlpatterns = [
    path("", portal.portal_visit_list, name="handover-visits"),
    path("freight-lift/", portal_freight.portal_freight_lift, name="freight-lift"),
    path("rectifications/<int:pk>/confirm/", portal.portal_rectification_confirm, name="handover-confirm"),
]
