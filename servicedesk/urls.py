from django.urls import path

from . import views
from .views import targets

app_name = "servicedesk"

urlpatterns = [
    path("tickets/", views.ticket_list, name="ticket-list"),
    path("tickets/new/", views.ticket_create, name="ticket-create"),
    path("tickets/assignees/", views.assignee_options, name="assignee-options"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket-detail"),
    path("tickets/<int:pk>/photos/<int:document_pk>/", views.ticket_photo, name="ticket-photo"),
    path("tickets/<int:pk>/acknowledge/", views.ticket_acknowledge, name="ticket-acknowledge"),
    path("tickets/<int:pk>/handover/", views.ticket_handover_offer, name="ticket-handover-offer"),
    path("tickets/<int:pk>/handover/accept/", views.ticket_handover_accept, name="ticket-handover-accept"),
    path("tickets/<int:pk>/handover/decline/", views.ticket_handover_decline, name="ticket-handover-decline"),
    path("tickets/<int:pk>/assign/", views.ticket_assign, name="ticket-assign"),
    path("tickets/<int:pk>/take/", views.ticket_take, name="ticket-take"),
    path("tickets/<int:pk>/start/", views.ticket_start, name="ticket-start"),
    path("tickets/<int:pk>/comment/", views.ticket_comment, name="ticket-comment"),
    path("tickets/<int:pk>/resolve/", views.ticket_resolve, name="ticket-resolve"),
    path("tickets/<int:pk>/close/", views.ticket_close, name="ticket-close"),
    path("tickets/<int:pk>/reopen/", views.ticket_reopen, name="ticket-reopen"),
    path("tickets/<int:pk>/follow-up/", views.ticket_follow_up, name="ticket-follow-up"),
    path("tickets/<int:pk>/quote/", views.ticket_quote, name="ticket-quote"),
    path("follow-ups/", views.follow_up_queue, name="follow-up-queue"),
    path("visits/", views.visit_list, name="visit-list"),
    path("visits/<int:pk>/", views.visit_detail, name="visit-detail"),
    path("visits/issues/<int:pk>/ticket/", views.visit_issue_ticket, name="visit-issue-ticket"),
    path("surveys/", views.survey_list, name="survey-list"),
    path("surveys/new/", views.survey_create, name="survey-create"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey-detail"),
    path("targets/", targets.target_list, name="targets"),
    path("targets/<int:pk>/remove/", targets.target_remove, name="target-remove"),
    path("analysis/", views.ticket_analysis, name="analysis"),
    path("analysis.csv", views.ticket_analysis_csv, name="analysis-csv"),
]
