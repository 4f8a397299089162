"""Staff pages of the service desk (each view names the roles allowed in its docstring)."""

from .actions import (
    ticket_acknowledge,
    ticket_assign,
    ticket_close,
    ticket_comment,
    ticket_follow_up,
    ticket_handover_accept,
    ticket_handover_decline,
    ticket_handover_offer,
    ticket_quote,
    ticket_reopen,
    ticket_resolve,
    ticket_start,
    ticket_take,
)
from .analysis import ticket_analysis, ticket_analysis_csv
from .followups import follow_up_queue, visit_detail, visit_issue_ticket, visit_list
from .surveys import survey_create, survey_detail, survey_list
from .tickets import assignee_options, ticket_create, ticket_detail, ticket_list, ticket_photo

__all__ = [
    "follow_up_queue",
    "survey_create",
    "survey_detail",
    "survey_list",
    "visit_detail",
    "visit_issue_ticket",
    "visit_list",
    "assignee_options",
    "ticket_acknowledge",
    "ticket_analysis",
    "ticket_analysis_csv",
    "ticket_assign",
    "ticket_close",
    "ticket_comment",
    "ticket_create",
    "ticket_detail",
    "ticket_follow_up",
    "ticket_handover_accept",
    "ticket_handover_decline",
    "ticket_handover_offer",
    "ticket_list",
    "ticket_photo",
    "ticket_quote",
    "ticket_reopen",
    "ticket_resolve",
    "ticket_start",
    "ticket_take",
]
