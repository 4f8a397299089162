"""The working-day calendar's pages (management), mounted at ``/calendar/``."""

from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.calendar_index, name="index"),
    path("<int:year>/", views.calendar_year, name="year"),
    path("days/<int:pk>/delete/", views.calendar_day_delete, name="day-delete"),
]
