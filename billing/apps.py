from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        # The kinds of documents billing files or prints, with documents' registry.
        from . import document_kinds

        document_kinds.register()
        from documents.banners import TENANT_BANNERS
        from documents.references import document_reference_register
        from handover.gates import FREIGHT_LIFT_REQUESTED, KEYS_HANDED_OVER, RELOCATION_BOOKED

        from . import document_access
        from .models import Bill, DunningLetter, Payment, Settlement
        from .selectors import move_in_charges_unpaid
        from .suspension import freight_lift_refusals, relocation_refusals, suspension_banners

        # A bill's PDF, a receipt, a letter and a settlement statement are evidence of these records.
        for model in (Bill, DunningLetter, Payment, Settlement):
            document_reference_register(model, "document_id")
        document_access.register()
        # No keys before the deposit and the first bill are paid (《客户缴费通知书》).
        KEYS_HANDED_OVER.register(move_in_charges_unpaid)
        # A tenant suspended for arrears books no freight lift, and its pages say it is suspended.
        RELOCATION_BOOKED.register(relocation_refusals)
        FREIGHT_LIFT_REQUESTED.register(freight_lift_refusals)
        TENANT_BANNERS.register(suspension_banners)
        # What the tenant owes and where to pay, on the portal home.
        from . import portal_home

        portal_home.register()
        # Day-one imports: deposits held and opening balances.
        from . import importing

        importing.register()
        # Its bills' documents are seen by the offices running the bill's building.
        from . import document_scope

        document_scope.register()
