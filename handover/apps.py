from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandoverConfig(AppConfig):
    name = "handover"
    verbose_name = _("Handover")

    def ready(self) -> None:
        # The kinds of documents handover files or prints, with documents' registry.
        from . import document_kinds

        document_kinds.register()
        from documents.references import document_reference_register

        from .models import AcceptanceItem, MeterReading, Sheet

        # Signed sheets, and the photos of meter readings and acceptance items they record.
        document_reference_register(Sheet, "document_id")
        document_reference_register(MeterReading, "photo_document_id")
        document_reference_register(AcceptanceItem, "photo_document_id")
        # Fixed rectification items waiting for the tenant's confirmation, on the portal home.
        from . import portal_home

        portal_home.register()
        # Day-one import of the last meter readings.
        from . import importing

        importing.register()
        # Documents about visit sheets: only the offices running the visited unit's building see them.
        from . import document_scope

        document_scope.register()
