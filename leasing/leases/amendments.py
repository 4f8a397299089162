"""Amendments (合同变更协议): rent, fees, units or end date change from an effective date; versions are kept.

A draft amendment changes nothing; signing it archives the signed amendment PDF and, from its effective date,
its values replace the lease's (``lease_terms_on``). The lease row itself stays as signed (frozen); only its
current end date and the units it holds follow the amendment.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.models import Signature
from documents.wording import message_later
from tenancy.access import require_role

from ..document_kinds import LEASE_AMENDMENT
from ..models import Amendment, AmendmentUnit, Lease, LeaseEvent, LeaseUnit, RentBasis, Unit
from ..occupancy import lease_units_refresh
from .permissions import LEASE_EDITORS
from .reviews import amendment_needs_review, review_check_before_signing, review_request
from .services import (
    acting,
    event_add,
    lease_lock,
    units_check_free,
    units_check_one_building,
    units_hold,
    units_lock,
)
from .signing import signed_document_archive, signers_of

AMENDMENT_TEMPLATE = "documents/forms/lease_amendment.html"
AMENDMENT_PREFIX = "HTBG"


def _check_values(
    lease: Lease,
    effective_date: date,
    reason: str,
    rent_rate: Decimal | None,
    fee_rate: Decimal | None,
    end_date: date | None,
) -> None:
    if not reason.strip():
        raise DomainError(_("Give the reason for the amendment."), field="reason")
    if effective_date < lease.start_date:
        raise DomainError(
            _("An amendment cannot take effect before the lease starts (%(date)s).")
            % {"date": lease.start_date},
            field="effective_date",
        )
    if effective_date > lease.effective_end:
        raise DomainError(_("The lease ends before this effective date."), field="effective_date")
    for name, value in (("rent_rate", rent_rate), ("fee_rate", fee_rate)):
        if value is not None and value < 0:
            raise DomainError(_("An amount cannot be negative."), field=name)
    if end_date is not None and end_date < effective_date:
        raise DomainError(_("The new end date cannot be before the effective date."), field="end_date")


@transaction.atomic
def amendment_create(
    *,
    lease: Lease,
    effective_date: date,
    reason: str,
    by: User,
    rent_basis: str = "",
    rent_rate: Decimal | None = None,
    fee_basis: str = "",
    fee_rate: Decimal | None = None,
    end_date: date | None = None,
    units: list[Unit] | None = None,
) -> Amendment:
    """A draft amendment of a signed lease, numbered as the lease's next version."""
    require_role(by, LEASE_EDITORS)
    lease = lease_lock(lease, *Lease.LIVE)
    _check_values(lease, effective_date, reason, rent_rate, fee_rate, end_date)
    if units is not None:
        units_check_one_building(units_lock([u.pk for u in units]), lease.building_id)
    if rent_rate is None and fee_rate is None and end_date is None and units is None:
        raise DomainError(_("An amendment must change the rent, the fee, the units or the end date."))
    last = lease.amendments.aggregate(last=Max("version"))["last"] or 0
    amendment = Amendment.objects.create(
        lease=lease,
        version=last + 1,
        effective_date=effective_date,
        reason=reason.strip(),
        rent_basis=(rent_basis or RentBasis.PER_M2) if rent_rate is not None else "",
        rent_rate=rent_rate,
        fee_basis=(fee_basis or RentBasis.PER_M2) if fee_rate is not None else "",
        fee_rate=fee_rate,
        end_date=end_date,
        changes_units=units is not None,
        created_by=by,
    )
    AmendmentUnit.objects.bulk_create([AmendmentUnit(amendment=amendment, unit=u) for u in units or []])
    if amendment_needs_review(amendment):
        review_request(lease=lease, amendment=amendment, by=by)
    return amendment


@transaction.atomic
def amendment_sign(
    *,
    amendment: Amendment,
    staff_signer: str,
    tenant_signer: str,
    by: User,
    method: str = Signature.Method.WET_INK,
    ip_address: str | None = None,
    staff_png: bytes | None = None,
    tenant_png: bytes | None = None,
) -> Amendment:
    """Both sides signed (in ink, or drawn on screen with both pictures kept): archive the amendment PDF;
    end date and units follow from then."""
    require_role(by, LEASE_EDITORS)
    signed_at = timezone.now()
    signers = signers_of(staff_signer, tenant_signer, method, signed_at, staff_png, tenant_png)
    lease = lease_lock(amendment.lease, *Lease.LIVE)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != Amendment.Status.DRAFT:
        raise DomainError(_("This amendment is already signed."))
    review_check_before_signing(lease, amendment)
    _check_values(lease, amendment.effective_date, amendment.reason, None, None, amendment.end_date)
    with acting(by):
        _units_follow(lease, amendment)
    units = list(amendment.units.order_by("code"))
    document = signed_document_archive(
        template=AMENDMENT_TEMPLATE, context={"lease": lease, "tenant": lease.tenant, "amendment": amendment,
        "units": units}, kind=LEASE_AMENDMENT, title=message_later(gettext_noop(
        "Lease amendment %(number)s-%(version)s"), number=lease.number, version=amendment.version),
        about=amendment, tenant=lease.tenant,
        prefix=AMENDMENT_PREFIX, signers=signers, by=by, ip_address=ip_address,
    )  # fmt: skip
    Amendment.LIFECYCLE.move(amendment, Amendment.Status.SIGNED)
    amendment.signed_at, amendment.signed_document_id = signed_at, document.pk
    amendment.save(update_fields=["status", "signed_at", "signed_document_id"])
    note = gettext_noop("Version %(v)s: %(reason)s")  # read in each reader's language
    with acting(by):
        event_add(
            lease, LeaseEvent.Kind.AMENDED, by, note_key=note, v=amendment.version, reason=amendment.reason
        )
    return amendment


def _units_follow(lease: Lease, amendment: Amendment) -> None:
    """From the effective date the lease holds the amendment's units until its new end; others go."""
    start, new_end = amendment.effective_date, amendment.end_date or lease.effective_end
    rows = list(lease.lease_units.select_for_update().filter(blocking=True, end_date__gte=start))
    current = {row.unit_id for row in rows}
    wanted = {u.pk for u in amendment.units.all()} if amendment.changes_units else current
    units = units_lock(sorted(current | wanted))
    units_check_free([u for u in units if u.pk in wanted], start, new_end, exclude_lease=lease)
    for row in rows:
        if row.unit_id not in wanted and row.start_date >= start:
            row.blocking = False
        elif row.unit_id not in wanted:
            row.end_date = start - timedelta(days=1)
        else:
            row.end_date = new_end
    LeaseUnit.objects.bulk_update(rows, ["blocking", "end_date"])
    added = [u for u in units if u.pk in wanted - current]
    units_hold(lease, added, start, new_end)
    Lease.objects.filter(pk=lease.pk).update(effective_end=new_end)
    lease.effective_end = new_end
    # The units added and dropped: their occupancy follows the lines as of today (the daily sweep catches
    # a unit dropped from a later day).
    lease_units_refresh([lease.pk])
