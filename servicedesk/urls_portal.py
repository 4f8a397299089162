"""Portal pages of the service desk, included into the ``portal`` namespace by ``tenancy/urls_portal.py``."""

from django.urls import path

from . import portal, portal_surveys

urlpatterns = [
    path("", portal.portal_ticket_list, name="tickets"),
    path("new/", portal.portal_ticket_create, name="ticket-create"),
    path("<int:pk>/", portal.portal_ticket_detail, name="ticket-detail"),
    path("<int:pk>/comment/", portal.portal_ticket_comment, name="ticket-comment"),
    path("<int:pk>/rate/", portal.portal_ticket_rate, name="ticket-rate"),
    path("<int:pk>/not-fixed/", portal.portal_ticket_not_fixed, name="ticket-not-fixed"),
    path("<int:pk>/quote/accept/", portal.portal_quote_accept, name="ticket-quote-accept"),
    path("<int:pk>/quote/decline/", portal.portal_quote_decline, name="ticket-quote-decline"),
    path("<int:pk>/photos/<int:document_pk>/", portal.portal_ticket_photo, name="ticket-photo"),
    path("surveys/", portal_surveys.portal_survey_list, name="surveys"),
    path("surveys/<int:pk>/", portal_surveys.portal_survey_answer, name="survey-answer"),
]
