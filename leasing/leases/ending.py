"""How a lease ends after the move-out: handing the keys back early does not end the tenant's obligations.

The lease ends on its end date (the move-out notice's date, or the term's end): until then it stays "notice
given", billed as before, with its units handed back; the daily sweep ends it the day after. Management may
release the tenant early, with a reason: the lease then ends on the handback day.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from documents.errors import DomainError

from ..models import Lease, LeaseEvent
from .permissions import NOTICE_OVERRIDERS, require_lease_role
from .services import acting, event_add, lease_end, lease_lock


@transaction.atomic
def lease_hand_back(*, lease: Lease, on: date, by: Any) -> Lease:
    """Every unit is handed back on ``on``: the lease ends then if its end date has come; otherwise it runs
    (and is billed) to its end date, and the daily sweep ends it."""
    lease = lease_lock(lease, Lease.Status.ACTIVE, Lease.Status.NOTICE_GIVEN)
    on = max(on, lease.start_date)
    if on >= lease.effective_end:
        return lease_end(lease=lease, move_out_date=on, by=by)
    with acting(by):
        lease.move_out_date = on
        lease.save(update_fields=["move_out_date", "updated_at"])
        event_add(lease, LeaseEvent.Kind.HANDED_BACK, by, str(on))
    return lease


@transaction.atomic
def lease_release_early(*, lease: Lease, reason: str, by: Any) -> Lease:
    """Management agrees that a tenant who handed the units back before the end date owes nothing after
    the handback day: the lease ends on that day (the reason is kept on its timeline)."""
    require_lease_role(by, NOTICE_OVERRIDERS)
    if not reason.strip():
        raise DomainError(_("Give the reason for releasing the tenant early."), field="reason")
    lease = lease_lock(lease, Lease.Status.NOTICE_GIVEN)
    if lease.move_out_date is None:
        raise DomainError(
            _("The units have not been handed back yet: release the lease after the move-out."),
            field="reason",
        )
    with acting(by):
        event_add(lease, LeaseEvent.Kind.RELEASED, by, reason.strip())
    return lease_end(lease=lease, move_out_date=lease.move_out_date, by=by)


def leases_end_due(*, today: date) -> int:
    """Daily: end every handed-back lease whose end date has passed (each in its own transaction; a second
    run finds none)."""
    due = Lease.objects.filter(
        status=Lease.Status.NOTICE_GIVEN,
        move_out_date__isnull=False,
        effective_end__lt=today,
    ).values_list("pk", "effective_end")
    count = 0
    for pk, end in list(due):
        try:
            lease_end(lease=Lease(pk=pk), move_out_date=end, by=None)
        except DomainError:
            continue  # changed meanwhile
        count += 1
    return count
