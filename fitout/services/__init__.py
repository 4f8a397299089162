"""Fit-out's verbs, one module per stage: application, review, permit, workers, works, completion."""

from .applications import (
    ApplicationInput,
    application_resubmit,
    application_sign,
    application_submit,
    fire_approval_upload,
)
from .completion import completion_accept
from .extensions import extension_decide, extension_request
from .overdue import OverdueSweep, overdue_sweep
from .permit import deposit_bill, deposit_check_paid, permit_issue, power_agreement_record
from .review import review_record
from .workers import PassCheck, pass_check, worker_pass_revoke, worker_register
from .works import inspection_log, notice_answer, notice_issue

__all__ = [
    "ApplicationInput",
    "OverdueSweep",
    "PassCheck",
    "application_resubmit",
    "application_sign",
    "application_submit",
    "completion_accept",
    "deposit_bill",
    "deposit_check_paid",
    "extension_decide",
    "extension_request",
    "fire_approval_upload",
    "inspection_log",
    "notice_answer",
    "notice_issue",
    "overdue_sweep",
    "pass_check",
    "permit_issue",
    "power_agreement_record",
    "review_record",
    "worker_pass_revoke",
    "worker_register",
]
