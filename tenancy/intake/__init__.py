"""Intake and vetting (客户准入与审核): applications, review chain, decision, admission notice."""
