"""Billing's models: the ledger, bills and charges, payments, deposits, late fees and dunning."""

from .arrears import DunningLetter, DunningStage, LateFee
from .bills import Bill, BillLine, Charge, ChargeKind, CreditNote
from .deposits import DepositAccount, DepositMovement, Refund, Settlement
from .ledger import Account, ClosedPeriod, JournalEntry, JournalLine
from .payments import Allocation, BankRowDismissal, FapiaoRequest, Payment
from .statements import Statement
from .tariffs import Tariff

__all__ = [
    "Account",
    "Allocation",
    "BankRowDismissal",
    "Bill",
    "BillLine",
    "Charge",
    "ChargeKind",
    "ClosedPeriod",
    "CreditNote",
    "DepositAccount",
    "DepositMovement",
    "DunningLetter",
    "DunningStage",
    "FapiaoRequest",
    "JournalEntry",
    "JournalLine",
    "LateFee",
    "Payment",
    "Refund",
    "Settlement",
    "Statement",
    "Tariff",
]
