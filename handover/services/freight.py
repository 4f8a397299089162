"""Freight-lift requests (货梯预约): a tenant asks for a slot of its building's freight lift in the portal,
the front desk confirms or declines it.

A slot of a building and day is confirmed once, and never over a move's relocation booking of the same slot;
a tenant whose service is suspended for arrears is refused, as a move is (``gates.FREIGHT_LIFT_REQUESTED``).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from leasing.models import Building, Lease
from tenancy.access import portal_role_check, require_role
from tenancy.portal_roles import OPERATIONS_ACTORS
from tenancy.roles import Role

from ..gates import FREIGHT_LIFT_REQUESTED
from ..models import MSG_SLOT_TAKEN, FreightLiftRequest, RelocationBooking

# The front desk runs the freight-lift bookings (management may stand in).
LIFT_DESK: tuple[str, ...] = (Role.FRONT_DESK, Role.MANAGEMENT)


def freight_lift_buildings(tenant_id: int) -> QuerySet[Building]:
    """The buildings where the tenant holds a signed or running lease: those whose lift it may ask for."""
    statuses = [*Lease.RUNNING, Lease.Status.SIGNED]
    leased = Lease.objects.filter(tenant_id=tenant_id, status__in=statuses).values("building_id")
    return Building.objects.filter(pk__in=leased).order_by("code")


def _slot_taken(building_id: int, day: date, slot: str, *, exclude: int | None = None) -> bool:
    confirmed = FreightLiftRequest.objects.filter(
        building_id=building_id, day=day, slot=slot, status=FreightLiftRequest.Status.CONFIRMED
    )
    if exclude is not None:
        confirmed = confirmed.exclude(pk=exclude)
    moving = RelocationBooking.objects.filter(building_id=building_id, moving_date=day, slot=slot)
    return confirmed.exists() or moving.exists()


@transaction.atomic
def freight_lift_request(
    *,
    by: User,
    tenant: object,
    building: Building,
    day: date,
    slot: str,
    purpose: str,
    today: date | None = None,
) -> FreightLiftRequest:
    """A tenant's administrator or operations person asks for a slot: a day from today, a building it leases
    in, a slot not taken, what is carried; refused while its service is suspended."""
    portal_role_check(by, OPERATIONS_ACTORS)
    tenant_id = tenant.pk  # type: ignore[attr-defined]
    if day < (today or timezone.localdate()):
        raise DomainError(_("The day cannot be in the past."), field="day")
    if slot not in RelocationBooking.Slot.values:
        raise DomainError(_("Choose a freight-lift slot."), field="slot")
    if not freight_lift_buildings(tenant_id).filter(pk=building.pk).exists():
        raise DomainError(_("Choose a building where you rent."), field="building")
    if not purpose.strip():
        raise DomainError(_("Say what is carried."), field="purpose")
    refusals = FREIGHT_LIFT_REQUESTED.refusals(tenant_id=tenant_id)
    if refusals:
        raise DomainError(" ".join(refusals))
    if _slot_taken(building.pk, day, slot):
        raise DomainError(str(MSG_SLOT_TAKEN), field="slot")
    return FreightLiftRequest.objects.create(
        tenant_id=tenant_id, building=building, day=day, slot=slot, purpose=purpose.strip(), requested_by=by
    )


def _lock_for(request: FreightLiftRequest, to: str) -> FreightLiftRequest:
    """The request locked, if the lifecycle table lets it move to ``to`` (only a request waiting does)."""
    locked = FreightLiftRequest.objects.select_for_update().get(pk=request.pk)
    if not FreightLiftRequest.LIFECYCLE.allows(locked.status, to):
        raise DomainError(
            _("This request is %(status)s already.") % {"status": locked.get_status_display().lower()}
        )
    return locked


@transaction.atomic
def freight_lift_confirm(*, request: FreightLiftRequest, by: User) -> FreightLiftRequest:
    """The front desk confirms the slot, unless another tenant's request or a move has it by now, or the
    tenant's service was suspended since it asked."""
    require_role(by, LIFT_DESK)
    request = _lock_for(request, FreightLiftRequest.Status.CONFIRMED)
    refusals = FREIGHT_LIFT_REQUESTED.refusals(tenant_id=request.tenant_id)
    if refusals:
        raise DomainError(" ".join(refusals))
    if _slot_taken(request.building_id, request.day, request.slot, exclude=request.pk):
        raise DomainError(str(MSG_SLOT_TAKEN))
    request.status, request.decided_by, request.decided_at = (
        FreightLiftRequest.Status.CONFIRMED,
        by,
        timezone.now(),
    )
    try:
        with transaction.atomic():
            request.save(update_fields=["status", "decided_by", "decided_at"])
    except IntegrityError:  # confirmed for another request a moment ago
        raise DomainError(str(MSG_SLOT_TAKEN)) from None
    return request


@transaction.atomic
def freight_lift_decline(*, request: FreightLiftRequest, by: User, reason: str) -> FreightLiftRequest:
    """The front desk declines the request, saying why (the tenant reads it in the portal)."""
    require_role(by, LIFT_DESK)
    if not reason.strip():
        raise DomainError(_("Say why the request is declined."), field="reason")
    request = _lock_for(request, FreightLiftRequest.Status.DECLINED)
    request.status, request.decline_reason = FreightLiftRequest.Status.DECLINED, reason.strip()[:200]
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    return request
