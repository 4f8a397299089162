"""Move-out notices (退租通知): given in the portal or recorded by the front desk, at least the lease's notice
period ahead, unless management accepts a shorter notice with a reason. A notice that ends the term before
its end is an early termination: allowed as the lease's break terms say, else only when management accepts
it with a reason; billing charges the lease's penalty at the settlement. The notice's date becomes the
lease's end date: the tenant's obligations (and the bills) run to it, whenever the keys come back."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.services import document_render
from documents.wording import message_later
from tenancy.access import has_role, require_role

from ..document_kinds import MOVE_OUT_NOTICE
from ..models import Lease, LeaseEvent, MoveOutNotice
from .permissions import NOTICE_OVERRIDERS, RENEWAL_STAFF
from .services import acting, event_add, lease_lock
from .terms import add_months

NOTICE_TEMPLATE = "documents/forms/lease_move_out_notice.html"
NOTICE_PREFIX = "TZTZ"


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


def break_refusal(lease: Lease, move_out_date: date, today: date) -> str | None:
    """Why the lease's break terms do not allow ending it early on that date, or None when they do."""
    if lease.break_from is None:
        return _(
            "The lease runs until %(end)s and has no break clause: leaving earlier is an early termination "
            "that only management can accept."
        ) % {"end": lease.effective_end}
    if move_out_date < lease.break_from:
        return _("Under the lease's break clause it can end early only from %(date)s.") % {
            "date": lease.break_from
        }
    earliest = add_months(today, lease.break_notice_months)
    if move_out_date < earliest:
        return _(
            "An early termination must be notified %(months)s months ahead (a date on or after %(date)s)."
        ) % {"months": lease.break_notice_months, "date": earliest}
    return None


def _early_accepted_by(lease: Lease, move_out_date: date, today: date, by: User, early_reason: str) -> Any:
    """Who accepted an early termination outside the break terms (None when the terms allow it); raises
    the refusal at the date field unless a manager accepts it with a reason."""
    refusal = break_refusal(lease, move_out_date, today)
    if refusal is None:
        return None
    if not early_reason.strip():
        raise DomainError(refusal, field="move_out_date")
    if not has_role(by, NOTICE_OVERRIDERS):
        raise DomainError(_("Only management can accept an early termination."), field="early_reason")
    return by


@transaction.atomic
def move_out_notice_give(
    *,
    lease: Lease,
    move_out_date: date,
    channel: str,
    by: User,
    reason: str = "",
    override_reason: str = "",
    early_reason: str = "",
    today: date | None = None,
    at_term_end: bool = False,
) -> MoveOutNotice:
    """The tenant will leave on ``move_out_date``: the lease moves to "notice given".

    Refused when shorter than the notice period, unless a manager accepts it with a reason, or unless it is
    a "leave" answer to the renewal case (``at_term_end``): the tenant leaves at the term's end whatever the
    notice period, since the landlord asked.
    """
    if channel == MoveOutNotice.Channel.FRONT_DESK:
        require_role(by, RENEWAL_STAFF)
    today = today or timezone.localdate()
    lease = lease_lock(lease, Lease.Status.ACTIVE)
    error = notice_errors(lease, move_out_date, today)
    if error:
        raise DomainError(error, field="move_out_date")
    override_by = None
    if at_term_end and move_out_date != lease.effective_end:
        raise DomainError(_("A leave answer gives notice for the term's end only."), field="move_out_date")
    if not at_term_end and (move_out_date - today).days < lease.notice_days:
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
    early = move_out_date < lease.effective_end
    early_by = _early_accepted_by(lease, move_out_date, today, by, early_reason) if early else None
    notice = MoveOutNotice.objects.create(
        lease=lease,
        move_out_date=move_out_date,
        given_on=today,
        channel=channel,
        reason=reason.strip(),
        override_reason=override_reason.strip(),
        override_by=override_by,
        early_termination=early,
        early_reason=early_reason.strip() if early_by else "",
        early_accepted_by=early_by,
        by=by,
    )
    with acting(by):
        Lease.LIFECYCLE.move(lease, Lease.Status.NOTICE_GIVEN)
        lease.effective_end = move_out_date
        lease.save(update_fields=["status", "effective_end", "updated_at"])
        event_add(lease, LeaseEvent.Kind.NOTICE_GIVEN, by, str(move_out_date))
    _notice_render(notice, by)
    return notice


def _notice_render(notice: MoveOutNotice, by: User) -> None:
    """The written notice (退租通知) as a PDF, filed in the tenant's dossier (the tenant sees it)."""
    lease = notice.lease
    document_render(
        template=NOTICE_TEMPLATE,
        context={"lease": lease, "tenant": lease.tenant, "notice": notice},
        kind=MOVE_OUT_NOTICE,
        # ``gettext_noop`` (not an alias of gettext_lazy) so that the catalogue picks the title up.
        title=message_later(gettext_noop("Move-out notice %(number)s"), number=lease.number),
        tenant=lease.tenant,
        about=notice,
        by=by,
        number_prefix=NOTICE_PREFIX,
    )
