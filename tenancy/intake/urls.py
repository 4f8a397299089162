from django.urls import path

from . import counter, public, views

app_name = "intake"

urlpatterns = [
    path("", views.application_list, name="application-list"),
    path("new/", views.application_create, name="application-create"),
    path("<int:pk>/", views.application_detail, name="application-detail"),
    path("<int:pk>/edit/", views.application_edit, name="application-edit"),
    path("<int:pk>/submit/", views.application_submit, name="application-submit"),
    path("<int:pk>/link-tenant/", views.application_link_tenant, name="application-link-tenant"),
    path("<int:pk>/decide/<str:department>/", views.application_decide, name="application-decide"),
    path("queue/", views.review_queue, name="queue-mine"),
    path("counter-card/", counter.counter_card, name="counter-card"),
    path("queue/<str:department>/", views.review_queue, name="queue"),
    # Without an account.
    path("apply/", public.public_apply, name="apply"),
    path("follow/<str:token>/", public.public_follow, name="follow"),
    path("invitation/<uidb64>/<token>/", public.InvitationView.as_view(), name="invitation"),
]
