from django.urls import path

from . import views
from .directory.urls import urlpatterns as directory_urlpatterns
from .leases.urls import urlpatterns as lease_urlpatterns
from .notices import views as notice_views
from .offices.urls import urlpatterns as office_urlpatterns

app_name = "leasing"

urlpatterns = [
    path("units/", views.unit_list, name="unit-list"),
    path("units/new/", views.unit_create, name="unit-create"),
    path("units/import-template.csv", views.unit_import_template, name="unit-import-template"),
    path("units/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit-edit"),
    path("buildings/", views.building_list, name="building-list"),
    path("buildings/new/", views.building_create, name="building-create"),
    path("buildings/<int:pk>/", views.building_detail, name="building-detail"),
    path("buildings/<int:pk>/edit/", views.building_edit, name="building-edit"),
    path("buildings/<int:pk>/import/", views.unit_import, name="unit-import"),
    path("notices/", notice_views.building_notice_list, name="building-notice-list"),
    path("notices/new/", notice_views.building_notice_create, name="building-notice-create"),
    path("notices/<int:pk>/", notice_views.building_notice_detail, name="building-notice-detail"),
]

urlpatterns += lease_urlpatterns
urlpatterns += directory_urlpatterns
urlpatterns += office_urlpatterns
