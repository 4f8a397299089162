from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "tenancy"
    verbose_name = _("Tenants")

    def ready(self) -> None:
        # The kinds of documents tenancy files or prints, with documents' registry.
        from . import document_kinds

        document_kinds.register()
        from django.contrib.auth.signals import user_logged_in

        from . import document_access, importing
        from .middleware import staff_session_start

        user_logged_in.connect(staff_session_start, dispatch_uid="tenancy.staff_session_start")

        document_access.register()

        from . import portal_home  # noqa: F401  (registers the home page's own blocks)

        importing.register()  # day-one import of tenants and contacts

        from . import scope

        scope.register()  # documents are limited to the buildings of the user's offices
