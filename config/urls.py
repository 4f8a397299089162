from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config import dashboard, health
from config.monthly_report import views as monthly_report

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("tenancy.urls_accounts")),
    path("", dashboard.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/monthly/", monthly_report.monthly_report, name="monthly-report"),
    path("reports/monthly/pdf/", monthly_report.monthly_report_pdf, name="monthly-report-pdf"),
    path("tenants/", include("tenancy.urls")),
    path("calendar/", include("tenancy.calendar.urls")),
    path("intake/", include("tenancy.intake.urls")),
    path("space/", include("leasing.urls")),
    path("documents/", include("documents.urls")),
    path("archive/", include("tenancy.dossier.urls")),
    path("portal/", include("tenancy.urls_portal")),
    path("service/", include("servicedesk.urls")),
    path("billing/", include("billing.urls")),
    path("handover/", include("handover.urls")),
    path("fitout/", include("fitout.urls")),
    path("portal/fitout/", include("fitout.urls_portal")),
    path("search/", include("leasing.search.urls")),
    path("api/v1/", include("config.urls_api")),
    path("integrations/", include("tenancy.integrations.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
