"""The tenant's dossier (客户档案): every document grouped by section, the completeness checklist, expiring
licences and IDs, the correspondence sent; and the archive registers (fixity, removals, downloads)."""
