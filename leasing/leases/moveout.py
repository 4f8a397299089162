"""Move-out notices (退租通知): given in the portal or recorded by the front desk, at least the lease's notice
period ahead, unless management accepts a shorter notice with a reason."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.errors import DomainError
from tenancy.access import has_role

from ..models import Lease, LeaseEvent, MoveOutNotice
from .permissions import NOTICE_OVERRIDERS, RENEWAL_STAFF, require_lease_role
from .services import acting, event_add, lease_lock


def notice_errors(lease: Lease, move_out_date: date, today: date) -> str | None:
    """Why a notice to leave on that date is impossible (whatever the notice period), or None."""
    if today > lease.effective_end:
        return _("The lease ended on %(date)s; a notice is no longer possible.") % {
            "date": lease.effective_end
        }
    if move_out_date < today:
        return _("The move-out date cannot be in the past.")
    if move_out_date > lease.effective_end:
        return _("The move-out date cannot be after the lease ends (%(date)s).") % {
            "date": lease.effective_end
        }
    return None


@transaction.atomic
def move_out_notice_give(
    *,
    lease: Lease,
    move_out_date: date,
    channel: str,
    by: Any,
    reason: str = "",
    override_reason: str = "",
    today: date | None = None,
) -> MoveOutNotice:
    """The tenant will leave on ``move_out_date``: the lease moves to "notice given".

    Refused when shorter than the notice period, unless a manager accepts it with a reason.
    """
    if channel == MoveOutNotice.Channel.FRONT_DESK:
        require_lease_role(by, RENEWAL_STAFF)
    today = today or timezone.localdate()
    lease = lease_lock(lease, Lease.Status.ACTIVE)
    error = notice_errors(lease, move_out_date, today)
    if error:
        raise DomainError(error, field="move_out_date")
    override_by = None
    if (move_out_date - today).days < lease.notice_days:
        if not override_reason.strip():
            raise DomainError(
                _("Notice must be given at least %(days)s days before moving out (on or after %(date)s).")
                % {
                    "days": lease.notice_days,
                    "date": date.fromordinal(today.toordinal() + lease.notice_days),
                },
                field="move_out_date",
            )
        if not has_role(by, NOTICE_OVERRIDERS):
            raise DomainError(_("Only management can accept a shorter notice."), field="override_reason")
        override_by = by
    notice = MoveOutNotice.objects.create(
        lease=lease,
        move_out_date=move_out_date,
        given_on=today,
        channel=channel,
        reason=reason.strip(),
        override_reason=override_reason.strip(),
        override_by=override_by,
        by=by,
    )
    with acting(by):
        lease.status = Lease.Status.NOTICE_GIVEN
        lease.save(update_fields=["status", "updated_at"])
        event_add(lease, LeaseEvent.Kind.NOTICE_GIVEN, by, str(move_out_date))
    return notice
