"""The landlord terminates a lease for arrears or breach (解除租赁合同).

Business, finance or management propose it (the arrears clock may too, without a user) with the grounds, the
reason and the effective date; management decides. A manager never decides a termination they proposed
themselves: ending a tenant's lease is a departure from the normal course that needs a second person, the
same as money going out. Approval writes the termination letter (《解除租赁合同通知书》) in the tenant's
language, files it in the dossier, sends it to the portal inbox and by e-mail, and moves the lease to "notice
given" with the effective date as its end date: the tenant's obligations and the bills run to that day, and a
move-out visit may be opened without a tenant's move-out notice (``lease_terminated``).
"""

from datetime import date
from functools import partial

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document
from documents.services import document_render, notice_send
from documents.wording import message_later
from tenancy.access import has_role, require_role
from tenancy.roles import Role

from ..document_kinds import TERMINATION_LETTER
from ..models import Lease, LeaseEvent, LeaseTermination
from .services import acting, event_add, lease_lock

# Who proposes a termination: the business department, finance (arrears) and management.
TERMINATION_PROPOSERS: tuple[str, ...] = (Role.BUSINESS, Role.FINANCE, Role.MANAGEMENT)
# Who approves or rejects it: management.
TERMINATION_DECIDERS: tuple[str, ...] = (Role.MANAGEMENT,)
# Leases the landlord may terminate: running and not yet past their end date.
TERMINABLE = (Lease.Status.ACTIVE, Lease.Status.NOTICE_GIVEN)
LETTER_TEMPLATE = "documents/forms/lease_termination_letter.html"
LETTER_PREFIX = "JCTZ"
# The timeline's note on a proposal, by its grounds: kept untranslated, read in each reader's language.
GROUNDS_NOTES = {
    LeaseTermination.Grounds.ARREARS: gettext_noop("Arrears · %(date)s: %(reason)s"),
    LeaseTermination.Grounds.BREACH: gettext_noop("Breach of the lease · %(date)s: %(reason)s"),
    LeaseTermination.Grounds.OTHER: gettext_noop("Other grounds · %(date)s: %(reason)s"),
}
# ``gettext_noop`` (not an alias of gettext_lazy) so that the catalogue picks the title up.
LETTER_TITLE = gettext_noop("Notice of lease termination %(number)s")


def _check_date(lease: Lease, effective_date: date, today: date) -> None:
    if effective_date < today:
        raise DomainError(_("The effective date cannot be in the past."), field="effective_date")
    if effective_date > lease.effective_end:
        raise DomainError(
            _("The effective date cannot be after the lease ends (%(date)s).")
            % {"date": lease.effective_end},
            field="effective_date",
        )


@transaction.atomic
def termination_propose(
    lease: Lease, *, grounds: str, reason: str, effective_date: date, by: User, today: date | None = None
) -> LeaseTermination:
    """Propose ending a running lease on ``effective_date`` for arrears, breach or other grounds; it waits
    for management. ``by=None`` is the system (the arrears clock). One open proposal per lease."""
    require_role(by, TERMINATION_PROPOSERS, allow_system=True)
    today = today or timezone.localdate()
    if grounds not in LeaseTermination.Grounds.values:
        raise DomainError(_("Choose the grounds for the termination."), field="grounds")
    if not reason.strip():
        raise DomainError(_("Give the reason for the termination."), field="reason")
    lease = lease_lock(lease, *TERMINABLE)
    _check_date(lease, effective_date, today)
    live = LeaseTermination.objects.filter(lease=lease, status__in=_live()).first()
    if live is not None:
        raise DomainError(
            _("A termination of lease %(number)s is already %(status)s.")
            % {"number": lease.number, "status": live.get_status_display()}
        )
    termination = LeaseTermination.objects.create(
        lease=lease, grounds=grounds, reason=reason.strip(), effective_date=effective_date, proposed_by=by
    )
    # The grounds' name is part of the message, so that each reader reads the note in their own language.
    note = GROUNDS_NOTES[termination.grounds]
    event_add(
        lease, LeaseEvent.Kind.TERMINATION_PROPOSED, by, note_key=note, date=str(effective_date),
        reason=termination.reason,
    )  # fmt: skip
    return termination


def _live() -> tuple[str, str]:
    return (LeaseTermination.Status.PROPOSED, LeaseTermination.Status.APPROVED)


def _lock_for_decision(termination: LeaseTermination, by: User) -> LeaseTermination:
    """The termination, locked, once ``by`` is a manager other than its proposer."""
    require_role(by, TERMINATION_DECIDERS)
    termination = LeaseTermination.objects.select_for_update().get(pk=termination.pk)
    if termination.proposed_by_id is not None and termination.proposed_by_id == by.pk:
        raise DomainError(_("Another manager must decide a termination you proposed."))
    return termination


def _decided(termination: LeaseTermination, to: str, by: User, note: str) -> None:
    LeaseTermination.LIFECYCLE.move(termination, to)
    termination.decided_by, termination.decided_at = by, timezone.now()
    termination.decision_note = note.strip()


@transaction.atomic
def termination_approve(
    *, termination: LeaseTermination, by: User, note: str = "", today: date | None = None
) -> LeaseTermination:
    """Management approves: the lease ends on the effective date (status "notice given"), and the
    termination letter is rendered and sent to the tenant's portal inbox and e-mail."""
    termination = _lock_for_decision(termination, by)
    today = today or timezone.localdate()
    _decided(termination, LeaseTermination.Status.APPROVED, by, note)
    lease = lease_lock(termination.lease, *TERMINABLE)
    try:
        _check_date(lease, termination.effective_date, today)
    except DomainError as error:
        raise DomainError(
            _("%(error)s Reject this proposal and propose the termination again with a new date.")
            % {"error": error.message}
        ) from error
    with acting(by):
        Lease.LIFECYCLE.move(lease, Lease.Status.NOTICE_GIVEN)
        lease.effective_end = termination.effective_date
        lease.save(update_fields=["status", "effective_end", "updated_at"])
        event_add(lease, LeaseEvent.Kind.TERMINATION_APPROVED, by, str(termination.effective_date))
    document = _letter_render(termination, lease, by)
    termination.letter_document_id = document.pk
    termination.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "letter_document_id"]
    )
    notice_send(
        tenant=lease.tenant,
        subject=message_later(LETTER_TITLE, number=lease.number),
        body=lazy(partial(_letter_body, termination, lease), str)(),  # in the tenant's language
        attachment=document,
        by=by,
    )
    return termination


@transaction.atomic
def termination_reject(*, termination: LeaseTermination, by: User, note: str) -> LeaseTermination:
    """Management rejects the proposal, saying why; the lease runs on."""
    if not note.strip():
        raise DomainError(_("Say why the termination is rejected."), field="note")
    termination = _lock_for_decision(termination, by)
    _decided(termination, LeaseTermination.Status.REJECTED, by, note)
    termination.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    event_add(termination.lease, LeaseEvent.Kind.TERMINATION_REJECTED, by, note.strip())
    return termination


@transaction.atomic
def termination_withdraw(*, termination: LeaseTermination, by: User, note: str = "") -> LeaseTermination:
    """The proposer (or management) withdraws a proposal not decided yet."""
    require_role(by, TERMINATION_PROPOSERS)
    termination = LeaseTermination.objects.select_for_update().get(pk=termination.pk)
    if termination.proposed_by_id != by.pk and not has_role(by, TERMINATION_DECIDERS):
        raise DomainError(_("Only the proposer or management may withdraw this termination."))
    LeaseTermination.LIFECYCLE.move(termination, LeaseTermination.Status.WITHDRAWN)
    termination.decision_note = note.strip()
    termination.save(update_fields=["status", "decision_note"])
    event_add(termination.lease, LeaseEvent.Kind.TERMINATION_WITHDRAWN, by, note.strip())
    return termination


def _letter_render(termination: LeaseTermination, lease: Lease, by: User) -> Document:
    """The termination letter (《解除租赁合同通知书》) as a PDF in the tenant's language, in its dossier."""
    return document_render(
        template=LETTER_TEMPLATE,
        context={
            "lease": lease,
            "tenant": lease.tenant,
            "termination": termination,
            "units": list(lease.units.order_by("code").values_list("code", flat=True)),
        },
        kind=TERMINATION_LETTER,
        title=message_later(LETTER_TITLE, number=lease.number),
        tenant=lease.tenant,
        about=termination,
        by=by,
        number_prefix=LETTER_PREFIX,
        visible_to_tenant=True,
    )


def _letter_body(termination: LeaseTermination, lease: Lease) -> str:
    return _(
        "The landlord terminates lease %(number)s (%(grounds)s) with effect from %(date)s. Rent and charges "
        "run to that day; please agree the move-out inspection with the service desk and hand back the units "
        "and keys by then. The termination letter is attached."
    ) % {
        "number": lease.number,
        "grounds": termination.get_grounds_display(),
        "date": termination.effective_date,
    }


def lease_terminated(lease: Lease) -> bool:
    """Whether management approved the landlord's termination of the lease (its move-out needs no notice)."""
    return LeaseTermination.objects.filter(lease=lease, status=LeaseTermination.Status.APPROVED).exists()


def terminations_pending() -> QuerySet[LeaseTermination]:
    """Management's queue: proposals waiting for a decision, oldest first."""
    return (
        LeaseTermination.objects.filter(status=LeaseTermination.Status.PROPOSED)
        .select_related("lease__tenant", "lease__building", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def lease_terminations(lease: Lease) -> QuerySet[LeaseTermination]:
    """A lease's terminations, latest first, for its page."""
    return lease.terminations.select_related("proposed_by", "decided_by")
