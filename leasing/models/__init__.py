"""Leasing's models: the space inventory (``space``) and the leases let on it (``leases``, ``changes``)."""

from .changes import Amendment, AmendmentUnit, MoveOutNotice, RenewalCase, RenewalFollowUp
from .credit_terms import BuildingCreditTerms
from .leases import Lease, LeaseEvent, LeaseUnit, PaymentCycle, RentBasis
from .notices import BuildingNotice
from .reviews import LegalReview
from .space import Building, Floor, Unit, floor_display
from .termination import LeaseTermination

__all__ = [
    "Amendment",
    "AmendmentUnit",
    "Building",
    "BuildingCreditTerms",
    "BuildingNotice",
    "Floor",
    "Lease",
    "LeaseEvent",
    "LeaseTermination",
    "LeaseUnit",
    "LegalReview",
    "MoveOutNotice",
    "PaymentCycle",
    "RenewalCase",
    "RenewalFollowUp",
    "RentBasis",
    "Unit",
    "floor_display",
]
