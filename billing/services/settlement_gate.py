"""When a lease may be settled: once the move-out confirmation (《退租交接确认书》) of every unit is signed at
the move-out visits, or once management has recorded why it is settled without (the tenant left without
signing, say). Billing asks handover directly: handover is below it."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.wording import join_list
from leasing.models import Lease
from tenancy.access import has_role
from tenancy.roles import Role

from ..models import SettlementOverride

# Who records that a lease is settled without its signed confirmation: management.
SETTLEMENT_OVERRIDERS: tuple[str, ...] = (Role.MANAGEMENT,)
# Statuses in which a lease is settled: its move-out is under way or done.
SETTLEABLE = (Lease.Status.NOTICE_GIVEN, Lease.Status.ENDED)


def unconfirmed_units(lease: Lease) -> list[str] | None:
    """The units whose move-out confirmation is not signed yet; None when no move-out visit was opened."""
    from handover.models import Sheet, Visit

    signed = Sheet.objects.filter(visit=OuterRef("pk"), kind=Sheet.Kind.MOVE_OUT, status=Sheet.Status.SIGNED)
    visits = list(
        Visit.objects.filter(lease=lease, kind=Visit.Kind.MOVE_OUT)
        .annotate(confirmed=Exists(signed))
        .order_by("unit__code")
        .values_list("unit__code", "confirmed")
    )
    if not visits:
        return None
    return [code for code, confirmed in visits if not confirmed]


def leases_awaiting_confirmation(*, excluded: Iterable[int] = ()) -> QuerySet[Lease]:
    """Leases being moved out (a move-out visit opened, not settled) other than ``excluded`` (those ready to
    settle), each with ``unconfirmed``: the codes of its units whose move-out confirmation is not signed yet
    (as ``unconfirmed_units``), in the same query."""
    from django.contrib.postgres.aggregates import ArrayAgg

    from handover.models import Sheet, Visit

    signed = Sheet.objects.filter(visit=OuterRef("pk"), kind=Sheet.Kind.MOVE_OUT, status=Sheet.Status.SIGNED)
    codes = (
        Visit.objects.filter(lease=OuterRef("pk"), kind=Visit.Kind.MOVE_OUT)
        .exclude(Exists(signed))
        .order_by()
        .values("lease")
        .annotate(codes=ArrayAgg("unit__code", ordering="unit__code"))
        .values("codes")
    )
    return (
        Lease.objects.filter(status__in=SETTLEABLE, settlement__isnull=True)
        .exclude(pk__in=list(excluded))
        .filter(Exists(Visit.objects.filter(lease=OuterRef("pk"), kind=Visit.Kind.MOVE_OUT)))
        .select_related("tenant")
        .annotate(unconfirmed=Subquery(codes))
        .order_by("effective_end", "number")
    )


def settlement_refusals(lease: Lease) -> list[str]:
    """Why the lease cannot be settled yet for want of its signed move-out confirmation; [] when it can."""
    if SettlementOverride.objects.filter(lease=lease).exists():
        return []
    missing = unconfirmed_units(lease)
    if missing is None:
        return [
            _(
                "No move-out visit of lease %(number)s has been opened: it is settled once the move-out "
                "handover confirmation is signed, or once management records why it is settled without it."
            )
            % {"number": lease.number}
        ]
    if missing:
        return [
            _(
                "The move-out handover confirmation of %(units)s is not signed yet: settle the lease once "
                "it is, or ask management to record why it is settled without it."
            )
            % {"units": join_list(missing)}
        ]
    return []


@transaction.atomic
def settlement_override_record(*, lease: Lease, reason: str, by: User) -> SettlementOverride:
    """Management lets finance settle a lease whose move-out confirmation is not signed, with the reason."""
    if not has_role(by, SETTLEMENT_OVERRIDERS):
        raise DomainError(_("Only management may let a lease be settled without its signed confirmation."))
    if not reason.strip():
        raise DomainError(_("Say why the lease is settled without its signed confirmation."), field="reason")
    lease = Lease.objects.select_for_update().get(pk=lease.pk)
    if lease.status not in SETTLEABLE:
        raise DomainError(
            _("Lease %(number)s is %(status)s: only a lease being moved out of, or ended, is settled.")
            % {"number": lease.number, "status": lease.get_status_display()}
        )
    if hasattr(lease, "settlement"):
        raise DomainError(_("This lease has been settled already."))
    if SettlementOverride.objects.filter(lease=lease).exists():
        raise DomainError(_("Management has already recorded why this lease is settled without it."))
    if not settlement_refusals(lease):
        raise DomainError(_("The move-out confirmation is signed: the lease may be settled as it is."))
    return SettlementOverride.objects.create(lease=lease, reason=reason.strip(), by=by)
