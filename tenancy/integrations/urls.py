from django.urls import path

from . import views, views_webhooks

app_name = "integrations"

urlpatterns = [
    path("api-keys/", views.api_key_list, name="api-key-list"),
    path("api-keys/new/", views.api_key_create, name="api-key-create"),
    path("api-keys/<int:pk>/revoke/", views.api_key_revoke, name="api-key-revoke"),
    path("webhooks/", views_webhooks.webhook_list, name="webhook-list"),
    path("webhooks/<int:pk>/", views_webhooks.webhook_detail, name="webhook-detail"),
    path("webhooks/<int:pk>/resume/", views_webhooks.webhook_resume, name="webhook-resume"),
    path("webhooks/<int:pk>/remove/", views_webhooks.webhook_remove, name="webhook-remove"),
]
