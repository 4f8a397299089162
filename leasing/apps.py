from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeasingConfig(AppConfig):
    name = "leasing"
    verbose_name = _("Leasing")

    def ready(self) -> None:
        # The kinds of documents leasing files or prints, with documents' registry.
        from . import document_kinds

        document_kinds.register()
        from documents.references import document_reference_register

        from .models import Amendment, Lease, MoveOutNotice

        # The signed lease summary and amendments, and the move-out notice.
        document_reference_register(Lease, "signed_document_id")
        document_reference_register(Amendment, "signed_document_id")
        document_reference_register(MoveOutNotice, "document_id")
        # Building notices in force, the leases and the renewal question, on the portal home.
        from . import portal_home

        portal_home.register()
        # Day-one imports: buildings, floors and units; running leases.
        from .importing import register as imports_register

        imports_register()
        # The letterhead of a form about a building's record: the issuing name of the building's office.
        from . import issuers

        issuers.register()
        # Documents about leases and their changes: only the offices running the lease's building see them.
        from . import document_scope

        document_scope.register()
