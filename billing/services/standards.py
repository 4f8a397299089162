"""Tariffs and fee standards changed in the application: finance proposes a price from a date (today or
later, after the standard now approved), management approves or rejects it (never the proposer: a second
person), the proposer may withdraw it while it waits. Approval writes the ``Tariff`` (general, or a building's
own when the proposal names a building) or the building's ``FitoutFeeStandard``, which bills use from its date
on; bills already issued keep their amounts."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import FitoutFeeStandard, StandardKind, StandardProposal, Tariff
from ..models.standards import TARIFF_KINDS

PROPOSERS: tuple[str, ...] = (Role.FINANCE,)
DECIDERS: tuple[str, ...] = (Role.MANAGEMENT,)
READERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)


@dataclass(frozen=True)
class ProposalInput:
    kind: str
    building: Building | None
    price: Decimal | None
    effective_from: date | None
    reason: str = ""


def _lock(kind: str, building_id: int | None) -> None:
    """One decision at a time per standard: two approvals of the same standard cannot both pass the checks."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"billing.standard:{kind}:{building_id}"]
        )


def latest_approved(kind: str, building_id: int | None) -> date | None:
    """The effective date of the last approved price of the standard (a tariff set in the admin counts)."""
    if kind in TARIFF_KINDS:  # the general tariff (no building) or the building's own, each its own line
        tariffs = Tariff.objects.filter(meter_kind=kind, building_id=building_id)
        found = tariffs.order_by("-effective_from").first()
    else:
        found = (
            FitoutFeeStandard.objects.filter(kind=kind, building_id=building_id)
            .order_by("-effective_from")
            .first()
        )
    return found.effective_from if found else None


def _check_date(kind: str, building_id: int | None, effective_from: date | None, today: date) -> date:
    if effective_from is None:
        raise DomainError(_("Enter the date the price takes effect."), field="effective_from")
    if effective_from < today:
        raise DomainError(
            _("The effective date cannot be in the past (today is %(today)s).") % {"today": today},
            field="effective_from",
        )
    latest = latest_approved(kind, building_id)
    if latest is not None and effective_from <= latest:
        raise DomainError(
            _(
                "A price from %(date)s is approved already and is never edited: a change takes effect "
                "after that date."
            )
            % {"date": latest},
            field="effective_from",
        )
    return effective_from


def _check_price(kind: str, price: Decimal | None) -> Decimal:
    try:
        value = Decimal(price) if price is not None else None
    except (InvalidOperation, TypeError):
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise DomainError(_("Enter a price of zero or more."), field="price")
    places = 4 if kind in TARIFF_KINDS else 2
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise DomainError(_("A price has at most %(n)d decimal places here.") % {"n": places}, field="price")
    if value >= Decimal("1e8"):
        raise DomainError(_("Enter a price of zero or more."), field="price")
    return value


def _check_building(kind: str, building: Building | None) -> None:
    """A fit-out fee is a building's; a tariff without a building is the general one (both allowed)."""
    if kind not in TARIFF_KINDS and building is None:
        raise DomainError(_("A fit-out fee is set per building: choose the building."), field="building")


@transaction.atomic
def standard_propose(*, data: ProposalInput, by: User, today: date | None = None) -> StandardProposal:
    """Finance proposes a new price of a tariff or fit-out fee, from today or a later date, after the price
    approved now (an approved price is never edited)."""
    require_role(by, PROPOSERS)
    today = today or timezone.localdate()
    if data.kind not in StandardKind.values:
        raise DomainError(_("Choose what the price is for."), field="kind")
    _check_building(data.kind, data.building)
    price = _check_price(data.kind, data.price)
    building_id = data.building.pk if data.building else None
    effective_from = _check_date(data.kind, building_id, data.effective_from, today)
    return StandardProposal.objects.create(
        kind=data.kind,
        building=data.building,
        price=price,
        effective_from=effective_from,
        reason=data.reason.strip(),
        proposed_by=by,
    )


def _decision_lock(proposal: StandardProposal) -> StandardProposal:
    _lock(proposal.kind, proposal.building_id)
    return StandardProposal.objects.select_for_update().get(pk=proposal.pk)


def _not_the_proposer(proposal: StandardProposal, by: User) -> None:
    if proposal.proposed_by_id == getattr(by, "pk", None):
        raise DomainError(_("You proposed this price: another manager decides on it."))


@transaction.atomic
def standard_approve(
    *, proposal: StandardProposal, by: User, note: str = "", today: date | None = None
) -> StandardProposal:
    """Management approves a proposal of someone else; from its date the price is the one bills use."""
    require_role(by, DECIDERS)
    today = today or timezone.localdate()
    proposal = _decision_lock(proposal)
    StandardProposal.LIFECYCLE.check(proposal, StandardProposal.Status.APPROVED)
    _not_the_proposer(proposal, by)
    if proposal.effective_from < today:
        raise DomainError(
            _("Its effective date has passed: reject it, and finance proposes again with a later date.")
        )
    _check_date(proposal.kind, proposal.building_id, proposal.effective_from, today)
    if proposal.is_tariff:
        Tariff.objects.create(
            building_id=proposal.building_id,
            meter_kind=proposal.kind,
            unit_price=proposal.price,
            effective_from=proposal.effective_from,
            proposal=proposal,
        )
    else:
        FitoutFeeStandard.objects.create(
            building_id=proposal.building_id,
            kind=proposal.kind,
            rate=proposal.price,
            effective_from=proposal.effective_from,
            proposal=proposal,
        )
    return _decide(proposal, StandardProposal.Status.APPROVED, by, note)


@transaction.atomic
def standard_reject(*, proposal: StandardProposal, by: User, note: str) -> StandardProposal:
    """Management rejects a proposal of someone else, saying why; nothing changes."""
    require_role(by, DECIDERS)
    proposal = _decision_lock(proposal)
    StandardProposal.LIFECYCLE.check(proposal, StandardProposal.Status.REJECTED)
    _not_the_proposer(proposal, by)
    if not note.strip():
        raise DomainError(_("Say why the proposal is rejected."), field="note")
    return _decide(proposal, StandardProposal.Status.REJECTED, by, note)


@transaction.atomic
def standard_withdraw(*, proposal: StandardProposal, by: User) -> StandardProposal:
    """The proposer takes back a proposal still waiting for management."""
    require_role(by, PROPOSERS)
    proposal = _decision_lock(proposal)
    StandardProposal.LIFECYCLE.check(proposal, StandardProposal.Status.WITHDRAWN)
    if proposal.proposed_by_id != getattr(by, "pk", None):
        raise DomainError(_("Only the person who proposed it may withdraw it."))
    StandardProposal.LIFECYCLE.move(proposal, StandardProposal.Status.WITHDRAWN)
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    return proposal


def _decide(proposal: StandardProposal, to: str, by: User, note: str) -> StandardProposal:
    StandardProposal.LIFECYCLE.move(proposal, to)
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.decision_note = note.strip()[:300]
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return proposal
