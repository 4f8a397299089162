"""Fit-out's models: the application (which becomes the permit), drawings and their reviews, worker passes,
inspections and notices, and the event log shown as a timeline."""

from .applications import Application, Drawing, DrawingComment, Event, Review
from .extensions import Extension
from .works import Inspection, Notice, Worker

__all__ = [
    "Application",
    "Drawing",
    "DrawingComment",
    "Event",
    "Extension",
    "Inspection",
    "Notice",
    "Review",
    "Worker",
]
