"""Billing's staff pages: bills and the run, payments and deposits, reports and exports."""
