"""Finance opens the closing papers of an archived tenant: told to documents at start-up
(``documents.access``).

Archiving a dossier at the last move-out closes it to every role without the archive right, but the account
goes on: the final bill, receipts, statements, dunning letters and the settlement statement are made by
finance after (or around) the archiving, and finance must open what it produces.
"""

from django.db.models import Q

from documents.access import download_grant_register
from documents.actors import AnyUser
from tenancy.access import has_role
from tenancy.roles import Role

from .document_kinds import KINDS

CLOSING_PAPER_ROLES: tuple[str, ...] = (Role.FINANCE,)
CLOSING_PAPERS = Q(kind__in=[kind.key for kind in KINDS if kind.after_archive])


def closing_papers_allowed(user: AnyUser) -> bool:
    """Finance opens bills, receipts, statements, dunning letters and settlements, archived or not."""
    return has_role(user, CLOSING_PAPER_ROLES)


def register() -> None:
    """Called from ``BillingConfig.ready()``."""
    download_grant_register(
        name="billing:closing-papers", scope=CLOSING_PAPERS, allowed=closing_papers_allowed
    )
