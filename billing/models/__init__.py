"""Billing's models: the ledger, bills and charges, payments, deposits, late fees and dunning."""

from .arrears import DunningLetter, DunningStage, LateFee
from .bills import Bill, BillLine, Charge, ChargeKind, CreditNote
from .collection import (
    CaseEvent,
    CollectionCase,
    CollectionContact,
    PaymentPlan,
    PaymentPromise,
    PlanInstalment,
    TerminationRecommendation,
)
from .deposits import DepositAccount, DepositMovement, Refund, Settlement
from .ledger import Account, ClosedPeriod, JournalEntry, JournalLine
from .payee import PayeeAccount, PayeeAccountBuilding, StatementLayout
from .payments import Allocation, BankRowDismissal, FapiaoRequest, Payment
from .settlements import SettlementOverride, SupplementarySettlement
from .standards import FitoutChargeBilling, FitoutFee, FitoutFeeStandard, StandardKind, StandardProposal
from .statements import Statement
from .tariffs import Tariff
from .vouchers import VoucherAccount

__all__ = [
    "Account",
    "Allocation",
    "BankRowDismissal",
    "Bill",
    "BillLine",
    "Charge",
    "CaseEvent",
    "ChargeKind",
    "ClosedPeriod",
    "CollectionCase",
    "CollectionContact",
    "CreditNote",
    "DepositAccount",
    "DepositMovement",
    "DunningLetter",
    "DunningStage",
    "FapiaoRequest",
    "FitoutChargeBilling",
    "FitoutFee",
    "FitoutFeeStandard",
    "JournalEntry",
    "JournalLine",
    "LateFee",
    "PayeeAccount",
    "PayeeAccountBuilding",
    "Payment",
    "PaymentPlan",
    "PaymentPromise",
    "PlanInstalment",
    "Refund",
    "Settlement",
    "SettlementOverride",
    "StandardKind",
    "StandardProposal",
    "Statement",
    "StatementLayout",
    "SupplementarySettlement",
    "Tariff",
    "TerminationRecommendation",
    "VoucherAccount",
]
