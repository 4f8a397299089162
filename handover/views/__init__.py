"""Staff pages of handover (each view names the roles allowed in its docstring)."""

from .keys import visit_identity, visit_keys_override
from .rectifications import rectification_confirm, rectification_fix, rectification_list
from .rounds import round_close, round_detail, round_list, round_open
from .sheets import sheet_page, sheet_supersede
from .visits import (
    booking_create,
    pre_inspection_print,
    pre_inspection_record,
    visit_complete,
    visit_detail,
    visit_list,
    visit_open_move_in,
    visit_open_move_out,
)

__all__ = [
    "booking_create",
    "pre_inspection_print",
    "pre_inspection_record",
    "rectification_confirm",
    "rectification_fix",
    "rectification_list",
    "round_close",
    "round_detail",
    "round_list",
    "round_open",
    "sheet_page",
    "sheet_supersede",
    "visit_complete",
    "visit_detail",
    "visit_identity",
    "visit_keys_override",
    "visit_list",
    "visit_open_move_in",
    "visit_open_move_out",
]
