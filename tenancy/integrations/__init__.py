"""Integrations, kept by management: the staff API keys (issue 19)."""
