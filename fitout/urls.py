from django.urls import path

from . import views

app_name = "fitout"

urlpatterns = [
    path("", views.application_list, name="application-list"),
    path("apply/", views.application_create, name="application-create"),
    path("<int:pk>/", views.application_detail, name="application-detail"),
    path("<int:pk>/sign/", views.application_sign, name="application-sign"),
    path("<int:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("<int:pk>/fire-approval/", views.fire_approval, name="fire-approval"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/deposit/", views.deposit_bill, name="deposit-bill"),
    path("<int:pk>/power/", views.power_agreement, name="power-agreement"),
    path("<int:pk>/permit/", views.permit_issue, name="permit-issue"),
    path("<int:pk>/workers/", views.worker_register, name="worker-register"),
    path("<int:pk>/inspections/", views.inspection, name="inspection"),
    path("<int:pk>/notices/", views.notice_issue, name="notice-issue"),
    path("<int:pk>/completion/", views.completion, name="completion"),
    path("<int:pk>/extension/", views.extension_decide, name="extension-decide"),
    path("workers/<int:pk>/revoke/", views.worker_revoke, name="worker-revoke"),
    path("passes/check/", views.pass_check, name="pass-check"),
    path("passes/<str:number>/", views.pass_check_number, name="pass-check-number"),
]
