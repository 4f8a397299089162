"""The tenancy models: the tenant file, intake applications with their review chain, and credit grades."""

from .accounts import SecondFactorReset
from .credit import CreditAssessment
from .intake import Application, ApplicationEvent, ReviewStep
from .tenants import Contact, Tenant, TenantMembership

__all__ = [
    "Application",
    "ApplicationEvent",
    "Contact",
    "CreditAssessment",
    "ReviewStep",
    "SecondFactorReset",
    "Tenant",
    "TenantMembership",
]
