"""The tenancy models: the tenant file, intake applications with their review chain, and credit grades."""

from .accounts import SecondFactorReset
from .calendar import CalendarDay
from .credit import CreditAssessment, CreditRecord, CreditReview
from .intake import Application, ApplicationEvent, ReviewStep
from .offices import ManagementOffice, StaffOffice
from .tenants import Contact, Tenant, TenantMembership

__all__ = [
    "Application",
    "ApplicationEvent",
    "CalendarDay",
    "Contact",
    "CreditAssessment",
    "CreditRecord",
    "CreditReview",
    "ManagementOffice",
    "ReviewStep",
    "SecondFactorReset",
    "StaffOffice",
    "Tenant",
    "TenantMembership",
]
