from django.urls import path

from . import views

urlpatterns = [path("directory/", views.directory, name="directory")]
