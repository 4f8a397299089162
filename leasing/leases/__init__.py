"""Leases: drafting, signing, amendments, expiry and renewal, move-out notices, and their pages."""
