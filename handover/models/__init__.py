"""Handover's models: visits with their pre-inspections and bookings (``visits``), and their
sheets (``sheets``)."""

from .rounds import MeterRound
from .sheets import AcceptanceItem, KeyRecord, Meter, MeterReading, RectificationItem, Sheet
from .visits import MSG_SLOT_TAKEN, PreInspection, RelocationBooking, Visit

__all__ = [
    "MSG_SLOT_TAKEN",
    "AcceptanceItem",
    "KeyRecord",
    "Meter",
    "MeterReading",
    "MeterRound",
    "PreInspection",
    "RectificationItem",
    "RelocationBooking",
    "Sheet",
    "Visit",
]
