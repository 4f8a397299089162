from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "servicedesk"
    verbose_name = _("Service desk")

    def ready(self) -> None:
        from . import document_access

        document_access.register()
        # Open requests, quotes to answer and repairs to rate, on the portal home.
        from . import portal_home

        portal_home.register()
        # The open tickets of the previous system, imported on day one.
        from . import importing

        importing.register()
        # A ticket's photos are seen by the offices running its building.
        from . import document_scope

        document_scope.register()
