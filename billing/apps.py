from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from documents.references import document_reference_register

        from . import document_access
        from .models import Bill, DunningLetter, Payment, Settlement

        # A bill's PDF, a receipt, a letter and a settlement statement are evidence of these records.
        for model in (Bill, DunningLetter, Payment, Settlement):
            document_reference_register(model, "document_id")
        document_access.register()
