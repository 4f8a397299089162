"""Handover's models: visits with their pre-inspections and bookings (``visits``), their sheets
(``sheets``), and tenants' freight-lift requests (``freight``)."""

from .freight import FreightLiftRequest
from .rounds import MeterRound
from .sheets import AcceptanceItem, KeyRecord, Meter, MeterReading, RectificationItem, Sheet
from .visits import MSG_SLOT_TAKEN, PreInspection, RelocationBooking, Visit

__all__ = [
    "MSG_SLOT_TAKEN",
    "AcceptanceItem",
    "FreightLiftRequest",
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
