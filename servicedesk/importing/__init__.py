"""Importing the open service tickets (day one): the cases the previous system still had open.

A row gives the ticket's number in the previous system (the natural key), the tenant by credit code or ID
number (empty for a common area), the building and unit, the category, kind, urgency and channel, the
description, when it was reported, its state (new, acknowledged or in progress) and the department working
on it. A ticket enters as the desk's own would: received (its SLA clocks run from the moment it was
reported), then moved through the ticket lifecycle table to its state, each step on its timeline; the clerk
who imports it owns it (首问负责制). Paid services are not imported (their quote must be offered here).

Re-importing the same file changes nothing; a corrected file corrects the imported tickets by number and
moves them forward (never back) through the lifecycle; a ticket resolved, closed or reopened here since is
no longer changed by an import. Imports send no webhooks: the tickets are not news to anyone.
"""

from django.utils.translation import gettext_lazy

from documents.imports.kinds import ImportKind

from ..permissions import RECEIVERS
from .columns import COLUMNS
from .plan import tickets_plan
from .write import tickets_write

TICKETS = ImportKind(
    key="tickets",
    label=gettext_lazy("Open service tickets"),
    roles=RECEIVERS,
    roles_label=gettext_lazy("Front desk, management"),
    description=gettext_lazy(
        "One row per ticket still open in the previous system, by its number there: it is received with its "
        "SLA clocks running from when it was reported, and moved to its state (new, acknowledged or in "
        "progress) on its timeline; you own it. Import units and tenants first."
    ),
    columns=COLUMNS,
    plan=tickets_plan,
    write=tickets_write,
    order=70,
)


def register() -> None:
    from documents.imports.kinds import import_kind_register

    import_kind_register(TICKETS)
