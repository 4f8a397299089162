"""Kept uploads moved to the ground floor (``documents.pending``); this name stays for the intake."""

from documents.pending import (
    FOLDER,
    KEPT_SUFFIX,
    MAX_AGE,
    SALT,
    KeepsUploads,
    Kept,
    PendingGone,
    kept_name,
    pending_open,
    pending_store,
)

__all__ = [
    "FOLDER",
    "KEPT_SUFFIX",
    "MAX_AGE",
    "SALT",
    "Kept",
    "KeepsUploads",
    "PendingGone",
    "kept_name",
    "pending_open",
    "pending_store",
]
