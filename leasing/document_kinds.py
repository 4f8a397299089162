"""The forms leasing prints (the lease summary, amendments, letters about its end), filed in the dossier's
"leases" section; registered with documents at start-up."""

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Section, kinds_register, sections_register

LEASES = Section("leases", _("Leases and amendments"), order=30)

LEASE_SUMMARY = DocumentKind("lease_summary", _("Lease summary"), section=LEASES.key, rendered=True)
LEASE_AMENDMENT = DocumentKind("lease_amendment", _("Lease amendment"), section=LEASES.key, rendered=True)
RENEWAL_LETTER = DocumentKind("renewal_letter", _("Lease expiry letter"), section=LEASES.key, rendered=True)
MOVE_OUT_NOTICE = DocumentKind("move_out_notice", _("Move-out notice"), section=LEASES.key, rendered=True)
TERMINATION_LETTER = DocumentKind(
    "termination_letter", _("Lease termination notice"), section=LEASES.key, rendered=True
)

KINDS = (LEASE_SUMMARY, LEASE_AMENDMENT, RENEWAL_LETTER, MOVE_OUT_NOTICE, TERMINATION_LETTER)


def register() -> None:
    sections_register(LEASES)
    kinds_register(*KINDS)
