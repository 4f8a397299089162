"""The verbs of handover (each one transaction; views, the portal and tasks call these)."""

from documents.signatures import signature_png  # the shared check of a drawn signature, for the forms

from .keys import keys_still_due, visit_identity_record, visit_keys_override
from .lines import AcceptanceLine, KeyLine, acceptance_save, keys_save, sheet_note_save, sheet_supersede
from .meters import ReadingLine, meter_replace, previous_reading, readings_save
from .rectification import rectification_confirm, rectification_fix, rectifications_flag_overdue
from .rounds import RoundLine, round_close, round_open, round_readings_save
from .signing import SignerInput, sheet_sign
from .visits import (
    move_in_still_due,
    pre_inspection_record,
    relocation_book,
    visit_complete_move_in,
    visits_open_move_in,
    visits_open_move_out,
)

__all__ = [
    "AcceptanceLine",
    "KeyLine",
    "ReadingLine",
    "RoundLine",
    "SignerInput",
    "acceptance_save",
    "keys_save",
    "keys_still_due",
    "meter_replace",
    "move_in_still_due",
    "pre_inspection_record",
    "previous_reading",
    "readings_save",
    "rectification_confirm",
    "rectification_fix",
    "rectifications_flag_overdue",
    "relocation_book",
    "round_close",
    "round_open",
    "round_readings_save",
    "sheet_note_save",
    "sheet_sign",
    "sheet_supersede",
    "signature_png",
    "visit_complete_move_in",
    "visit_identity_record",
    "visit_keys_override",
    "visits_open_move_in",
    "visits_open_move_out",
]
