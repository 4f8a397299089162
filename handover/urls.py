from django.urls import path

from . import views
from .views import freight

app_name = "handover"

SHEET = "<int:pk>/sheets/<str:kind>/"

urlpatterns = [
    path("", views.visit_list, name="visit-list"),
    path("open/move-in/", views.visit_open_move_in, name="visit-open-move-in"),
    path("open/move-out/", views.visit_open_move_out, name="visit-open-move-out"),
    path("<int:pk>/", views.visit_detail, name="visit-detail"),
    path("<int:pk>/complete/", views.visit_complete, name="visit-complete"),
    path("<int:pk>/identity/", views.visit_identity, name="visit-identity"),
    path("<int:pk>/keys-override/", views.visit_keys_override, name="visit-keys-override"),
    path("<int:pk>/booking/", views.booking_create, name="booking-create"),
    path("<int:pk>/pre-inspections/<int:task_pk>/", views.pre_inspection_record, name="pre-inspection"),
    path("<int:pk>/pre-inspections/print/", views.pre_inspection_print, name="pre-inspection-print"),
    path(SHEET, views.sheet_page, name="sheet"),
    path(SHEET + "supersede/", views.sheet_supersede, name="sheet-supersede"),
    path("rounds/", views.round_list, name="round-list"),
    path("rounds/open/", views.round_open, name="round-open"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/close/", views.round_close, name="round-close"),
    path("freight-lift/", freight.freight_queue, name="freight-queue"),
    path("freight-lift/<int:pk>/confirm/", freight.freight_confirm, name="freight-confirm"),
    path("freight-lift/<int:pk>/decline/", freight.freight_decline, name="freight-decline"),
    path("rectifications/", views.rectification_list, name="rectification-list"),
    path("rectifications/<int:pk>/fix/", views.rectification_fix, name="rectification-fix"),
    path("rectifications/<int:pk>/confirm/", views.rectification_confirm, name="rectification-confirm"),
]
