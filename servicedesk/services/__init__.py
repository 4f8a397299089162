"""The verbs of the service desk; views, the portal and tasks call these, nobody else writes a ticket."""

from .escalation import sla_escalations_send
from .followup import (
    FOLLOW_UP_ATTEMPTS_TO_CLOSE,
    follow_up_closable_q,
    reopen_window_open,
    ticket_follow_up_record,
    ticket_not_fixed,
    ticket_rate,
    tickets_auto_close,
)
from .intake import MAX_PHOTOS, ticket_comment, ticket_create
from .paid import paid_service_charge_pending, ticket_quote_accept, ticket_quote_decline, ticket_quote_offer
from .workflow import (
    ticket_acknowledge,
    ticket_assign,
    ticket_close,
    ticket_handover_accept,
    ticket_handover_decline,
    ticket_handover_offer,
    ticket_reopen,
    ticket_resolve,
    ticket_start,
)

__all__ = [
    "FOLLOW_UP_ATTEMPTS_TO_CLOSE",
    "follow_up_closable_q",
    "MAX_PHOTOS",
    "paid_service_charge_pending",
    "reopen_window_open",
    "sla_escalations_send",
    "ticket_acknowledge",
    "ticket_assign",
    "ticket_close",
    "ticket_comment",
    "ticket_create",
    "ticket_follow_up_record",
    "ticket_handover_accept",
    "ticket_handover_decline",
    "ticket_handover_offer",
    "ticket_not_fixed",
    "ticket_quote_accept",
    "ticket_quote_decline",
    "ticket_quote_offer",
    "ticket_rate",
    "ticket_reopen",
    "ticket_resolve",
    "ticket_start",
    "tickets_auto_close",
]
