from django.urls import path

from . import portal

app_name = "fitout_portal"

urlpatterns = [
    path("", portal.portal_list, name="list"),
    path("apply/", portal.portal_apply, name="apply"),
    path("<int:pk>/", portal.portal_detail, name="detail"),
    path("<int:pk>/sign/", portal.portal_sign, name="sign"),
    path("<int:pk>/resubmit/", portal.portal_resubmit, name="resubmit"),
    path("<int:pk>/fire-approval/", portal.portal_fire_approval, name="fire-approval"),
    path("notices/<int:pk>/answer/", portal.portal_notice_answer, name="notice-answer"),
    path("<int:pk>/extension/", portal.portal_extension_request, name="extension-request"),
]
