from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FitoutConfig(AppConfig):
    name = "fitout"
    verbose_name = _("Fit-out")

    def ready(self) -> None:
        # The kinds of documents fitout files or prints, with documents' registry.
        from . import document_kinds

        document_kinds.register()
        from documents.references import document_reference_register
        from leasing.models import Unit
        from leasing.occupancy import occupancy_fact_register

        from .models import Application, Drawing, Notice, Review, Worker
        from .services.units import units_under_fitout

        # A held unit under an issued permit shows "under fit-out" until the works are accepted.
        occupancy_fact_register(Unit.Status.FIT_OUT, units_under_fitout)

        # The fit-out's papers (drawings, the fire-safety approval, a worker's photo) and its forms.
        document_reference_register(
            Application, "agreement_document_id", "fire_approval_document_id", "permit_document_id"
        )
        document_reference_register(Drawing, "document_id")
        document_reference_register(Review, "document_id")
        document_reference_register(Worker, "photo_document_id", "pass_document_id")
        document_reference_register(Notice, "document_id")
        # Fit-out notices to answer and agreements to sign, on the portal home.
        from . import portal_home

        portal_home.register()
        # The fit-out's documents are seen by the offices running its building.
        from . import document_scope

        document_scope.register()
