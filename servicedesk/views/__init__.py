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
from .tickets import assignee_options, ticket_create, ticket_detail, ticket_list, ticket_photo

__all__ = [
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
