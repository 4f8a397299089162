"""The forms billing prints: bills, receipts, statements, letters and settlements. The tenant's account keeps
producing them after its dossier is archived (an arrears file follows the tenant until paid). Registered
with documents at start-up."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Section, kinds_register, sections_register

BILLING = Section("billing", _("Bills and letters"), order=60)


def _account_form(key: str, label: Promise) -> DocumentKind:
    return DocumentKind(key, label, section=BILLING.key, rendered=True, after_archive=True)


BILL = _account_form("bill", _("Bill"))
RECEIPT = _account_form("receipt", _("Receipt"))
STATEMENT = _account_form("statement", _("Statement of account"))
# A recommendation to terminate is a dunning letter its service marks internal.
DUNNING_LETTER = _account_form("dunning_letter", _("Dunning letter"))
SETTLEMENT_STATEMENT = _account_form("settlement_statement", _("Settlement statement"))

KINDS = (BILL, RECEIPT, STATEMENT, DUNNING_LETTER, SETTLEMENT_STATEMENT)


def register() -> None:
    sections_register(BILLING)
    kinds_register(*KINDS)
