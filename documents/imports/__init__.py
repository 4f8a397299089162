"""Importing a running building's existing data (day one): a registry of kinds the apps register, one
reader for XLSX and CSV, a preview that writes nothing, and an all-or-nothing commit. See ``engine``."""
