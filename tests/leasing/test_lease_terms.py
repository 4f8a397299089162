"""The terms in force on a date, amendments with their effective dates and versions, and the reminder date."""

import calendar
from datetime import date, timedelta
from decimal import Decimal

import pytest

from documents.errors import DomainError
from documents.models import Document
from leasing.document_kinds import LEASE_AMENDMENT
from leasing.leases.amendments import amendment_create, amendment_sign
from leasing.leases.terms import add_months, lease_terms_on, reminder_date
from leasing.models import Amendment, Lease, Unit
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import (
    START,
    building_with_units,
    business_user,
    document_root_fixture,  # noqa: F401 (the document_root fixture)
    draft_lease,
    lease_in,
    legal_approve,
)

pytestmark = pytest.mark.django_db


def _reference_reminder(end: date) -> date:
    """The rule as the business states it: two months back, on the same day or the month's last day."""
    month, year = end.month - 2, end.year
    if month < 1:
        month, year = month + 12, year - 1
    return date(year, month, min(end.day, calendar.monthrange(year, month)[1]))


def test_reminder_date_follows_the_rule_every_day_from_2024_to_2032():
    # given
    day, last = date(2024, 1, 1), date(2032, 12, 31)
    # when / then
    while day <= last:
        assert reminder_date(day) == _reference_reminder(day), day
        assert reminder_date(day) < day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("end", "reminder"),
    [
        (date(2026, 5, 31), date(2026, 3, 31)),
        (date(2026, 4, 30), date(2026, 2, 28)),
        (date(2028, 4, 30), date(2028, 2, 29)),
        (date(2026, 4, 29), date(2026, 2, 28)),
        (date(2027, 1, 15), date(2026, 11, 15)),
    ],
)
def test_reminder_date_examples(end, reminder):
    assert reminder_date(end) == reminder


def test_add_months_clamps_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 2) == date(2027, 2, 15)


def test_lease_terms_on_applies_rent_free_days_and_yearly_escalation():
    # given: 120 m² at 10.00/m², 5 % a year, 30 rent-free days
    lease = draft_lease(rent_rate=Decimal("10.00"), escalation_rate=Decimal("5"), rent_free_days=30)
    # when / then
    assert lease_terms_on(lease, START).monthly_rent == Decimal("0.00")
    assert lease_terms_on(lease, START + timedelta(days=30)).monthly_rent == Decimal("1200.00")
    assert lease_terms_on(lease, date(2026, 12, 31)).monthly_rent == Decimal("1200.00")
    assert lease_terms_on(lease, date(2027, 1, 1)).monthly_rent == Decimal("1260.00")
    assert lease_terms_on(lease, START).monthly_fee == Decimal("144.00")  # 1.20 × 120


def test_lease_terms_on_a_fixed_rent_ignores_the_area():
    lease = draft_lease(rent_basis="fixed", rent_rate=Decimal("8000.00"))
    assert lease_terms_on(lease, START).monthly_rent == Decimal("8000.00")


def test_amendment_create_refuses_a_date_before_the_lease_starts_and_saves_nothing():
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    # when / then
    with pytest.raises(DomainError) as error:
        amendment_create(
            lease=lease,
            effective_date=date(2025, 12, 1),
            reason="调租",
            rent_rate=Decimal("7"),
            by=business_user(),
        )
    assert error.value.field == "effective_date"
    assert Amendment.objects.count() == 0


def test_amendment_create_refuses_a_draft_lease_a_negative_rent_and_no_change():
    by = business_user()
    with pytest.raises(DomainError):
        amendment_create(lease=draft_lease(), effective_date=START, reason="x", rent_rate=Decimal("7"), by=by)
    lease = lease_in(Lease.Status.ACTIVE)
    with pytest.raises(DomainError) as negative:
        amendment_create(lease=lease, effective_date=START, reason="x", rent_rate=Decimal("-7"), by=by)
    assert negative.value.field == "rent_rate"
    with pytest.raises(DomainError, match="至少一项"):
        amendment_create(lease=lease, effective_date=START, reason="x", by=by)
    assert Amendment.objects.count() == 0


def test_a_signed_amendment_changes_the_terms_from_its_effective_date_only(document_root):
    # given
    lease = lease_in(Lease.Status.ACTIVE, rent_rate=Decimal("10.00"))
    by = business_user()
    amendment = amendment_create(
        lease=lease, effective_date=date(2026, 7, 1), reason="市场调价", rent_rate=Decimal("12.00"), by=by
    )
    # when: a draft amendment changes nothing yet
    assert lease_terms_on(lease, date(2026, 8, 1)).rent_rate == Decimal("10.00")
    legal_approve(amendment.lease, amendment)
    amendment_sign(amendment=amendment, staff_signer="王经理", tenant_signer="张三", by=by)
    # then
    before, after = lease_terms_on(lease, date(2026, 6, 30)), lease_terms_on(lease, date(2026, 7, 1))
    assert (before.rent_rate, before.version) == (Decimal("10.00"), 0)
    assert (after.rent_rate, after.version, after.monthly_rent) == (Decimal("12.00"), 1, Decimal("1440.00"))
    amendment.refresh_from_db()
    document = Document.objects.get(pk=amendment.signed_document_id)
    assert document.kind == LEASE_AMENDMENT and document.signatures.count() == 2
    assert Lease.objects.get(pk=lease.pk).rent_rate == Decimal(
        "10.00"
    )  # the signed lease itself is unchanged


def test_an_amendment_adds_a_unit_and_extends_the_end_date(document_root):
    # given
    first, second = building_with_units(2)
    lease = lease_in(Lease.Status.ACTIVE, units=[first])
    by = business_user()
    amendment = amendment_create(
        lease=lease,
        effective_date=date(2026, 3, 1),
        reason="扩租",
        end_date=date(2028, 12, 31),
        units=[first, second],
        by=by,
    )
    # when
    legal_approve(amendment.lease, amendment)
    amendment_sign(amendment=amendment, staff_signer="王经理", tenant_signer="张三", by=by)
    # then
    lease.refresh_from_db()
    assert lease.effective_end == date(2028, 12, 31) and lease.end_date == date(2027, 12, 31)
    assert lease_terms_on(lease, date(2026, 2, 28)).unit_ids == (first.pk,)
    assert lease_terms_on(lease, date(2026, 3, 1)).unit_ids == tuple(sorted([first.pk, second.pk]))
    assert lease_terms_on(lease, date(2026, 3, 1)).area == Decimal("240.00")
    assert Unit.objects.get(pk=second.pk).status == Unit.Status.OCCUPIED
    with pytest.raises(DomainError):  # the first unit is held until the new end
        draft_lease(units=[first], start_date=date(2028, 6, 1), end_date=date(2029, 5, 31))


def test_an_amendment_cannot_take_a_unit_of_another_lease(document_root):
    # given
    first, second = building_with_units(2)
    lease = lease_in(Lease.Status.ACTIVE, units=[first])
    lease_in(Lease.Status.ACTIVE, units=[second])
    by = business_user()
    amendment = amendment_create(
        lease=lease, effective_date=date(2026, 3, 1), reason="扩租", units=[first, second], by=by
    )
    # when / then
    legal_approve(amendment.lease, amendment)
    with pytest.raises(DomainError, match="已在合同"):
        amendment_sign(amendment=amendment, staff_signer="王经理", tenant_signer="张三", by=by)
    assert Amendment.objects.get(pk=amendment.pk).status == Amendment.Status.DRAFT
    assert Document.objects.count() == 0


def test_amendment_create_refuses_a_unit_of_another_building():
    lease = lease_in(Lease.Status.ACTIVE)
    with pytest.raises(DomainError, match="同一楼宇"):
        amendment_create(
            lease=lease, effective_date=START, reason="x", units=[UnitFactory()], by=business_user()
        )
