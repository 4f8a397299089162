"""Billing's verbs, one module per domain seam: ledger, bills, payments, deposits, arrears, settlement."""
