from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from . import portal, portal_documents, portal_inbox

app_name = "portal"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="portal/login.html",
            redirect_authenticated_user=True,
            next_page=reverse_lazy("portal:home"),
        ),
        name="login",
    ),
    path("", portal.portal_home, name="home"),
    path("account/", include("tenancy.accounts.portal")),
    path("inbox/", portal_inbox.portal_inbox, name="inbox"),
    path("inbox/<int:pk>/", portal_inbox.portal_notice_detail, name="notice-detail"),
    path("inbox/<int:pk>/read/", portal_inbox.portal_notice_read, name="notice-read"),
    path("documents/<uuid:token>/", portal_documents.portal_document_download, name="document-download"),
    path("service/", include("servicedesk.urls_portal")),
    path("billing/", include("billing.urls_portal")),
    path("handover/", include("handover.urls_portal")),
    path("applications/", include("tenancy.intake.urls_portal")),
    path("leases/", include("leasing.leases.urls_portal")),
]
