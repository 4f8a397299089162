"""Fit-out's staff pages."""

from .actions import (
    completion,
    deposit_bill,
    fire_approval,
    inspection,
    notice_issue,
    permit_issue,
    power_agreement,
    resubmit,
    review,
)
from .applications import application_create, application_detail, application_list, application_sign
from .extensions import extension_decide
from .passes import pass_check, pass_check_number, worker_register, worker_revoke

__all__ = [
    "application_create",
    "application_detail",
    "application_list",
    "application_sign",
    "completion",
    "deposit_bill",
    "extension_decide",
    "fire_approval",
    "inspection",
    "notice_issue",
    "pass_check",
    "pass_check_number",
    "permit_issue",
    "power_agreement",
    "resubmit",
    "review",
    "worker_register",
    "worker_revoke",
]
