"""Lease services: drafting with its bad input, the status pipeline, signing and freezing, ending."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone

from documents.errors import DomainError
from documents.models import Document, Signature
from leasing.document_kinds import LEASE_SUMMARY
from leasing.leases.services import lease_activate, lease_cancel, lease_end, lease_update
from leasing.leases.signing import lease_sign
from leasing.models import Lease, LeaseEvent, LeaseUnit, Unit
from tests.factories import TenantFactory, UserFactory
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import (
    START,
    building_with_units,
    business_user,
    document_root_fixture,  # noqa: F401 (the document_root fixture)
    draft_lease,
    lease_in,
    terms,
)

pytestmark = pytest.mark.django_db


def test_lease_create_drafts_a_lease_over_units_of_one_building():
    # given
    units = building_with_units(2)
    # when
    lease = draft_lease(units=units, deposit_months=Decimal("3"), approved=False)
    # then
    assert lease.status == Lease.Status.DRAFT
    assert lease.number.startswith("HT-")
    assert lease.area == Decimal("240.00")
    assert lease.deposit_amount == Decimal("4680.00")  # 6.50 × 240 × 3
    assert lease.building == units[0].building
    assert set(lease.units.all()) == set(units)
    assert [e.kind for e in lease.events.all()] == [LeaseEvent.Kind.DRAFTED]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": date(2025, 12, 31)}, "end_date"),
        ({"rent_rate": Decimal("-1")}, "rent_rate"),
        ({"fee_rate": Decimal("-0.01")}, "fee_rate"),
        ({"due_day": 31}, "due_day"),
    ],
)
def test_lease_create_refuses_bad_terms_and_saves_nothing(overrides, field):
    # given
    unit = UnitFactory()
    # when / then
    with pytest.raises(DomainError) as error:
        draft_lease(units=[unit], **overrides)
    assert error.value.field == field
    assert Lease.objects.count() == 0 and LeaseUnit.objects.count() == 0


def test_lease_create_refuses_a_unit_of_another_building():
    # given
    units = [UnitFactory(), UnitFactory()]  # two new buildings
    # when / then
    with pytest.raises(DomainError, match="同一楼宇"):
        draft_lease(units=units)
    assert Lease.objects.count() == 0


def test_lease_create_refuses_a_unit_already_let_over_overlapping_days():
    # given
    unit = UnitFactory()
    first = draft_lease(units=[unit])
    # when / then: overlapping on the last day of the first lease
    with pytest.raises(DomainError) as error:
        draft_lease(units=[unit], start_date=date(2027, 12, 31), end_date=date(2028, 12, 31))
    assert first.number in error.value.message and error.value.field == "units"
    assert Lease.objects.count() == 1
    # the day after is free
    assert draft_lease(units=[unit], start_date=date(2028, 1, 1), end_date=date(2028, 12, 31)).pk


def test_the_database_refuses_overlapping_holds_even_without_the_service():
    # given
    lease = draft_lease()
    row = lease.lease_units.get()
    # when / then
    with pytest.raises(DatabaseError), transaction.atomic():
        LeaseUnit.objects.create(lease=lease, unit=row.unit, start_date=START, end_date=START, area=1)


def test_lease_create_needs_the_business_department_or_management():
    # given
    front_desk = UserFactory(roles=["front_desk"])
    # when / then
    with pytest.raises(PermissionDenied):
        draft_lease(by=front_desk)
    assert Lease.objects.count() == 0


def test_lease_cancel_frees_the_units():
    # given
    unit = UnitFactory()
    lease = draft_lease(units=[unit])
    # when
    lease_cancel(lease=lease, reason="租户放弃", by=business_user())
    # then
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.CANCELLED
    assert draft_lease(units=[unit]).pk


def test_lease_update_changes_a_draft_but_not_a_signed_lease():
    # given
    unit = UnitFactory()
    lease = draft_lease(units=[unit])
    tenant = TenantFactory()
    # when
    lease = lease_update(
        lease=lease, tenant=tenant, units=[unit], terms=terms(rent_rate=Decimal("7")), by=business_user()
    )
    # then
    assert (lease.tenant, lease.rent_rate) == (tenant, Decimal("7"))
    signed = lease_in(Lease.Status.SIGNED)
    with pytest.raises(DomainError, match="已签署"):
        lease_update(
            lease=signed, tenant=tenant, units=list(signed.units.all()), terms=terms(), by=business_user()
        )


def test_lease_sign_archives_the_summary_with_both_signatures_and_reserves_the_units(document_root):
    # given
    unit = UnitFactory()
    lease = draft_lease(units=[unit])
    # when
    lease = lease_sign(
        lease=lease, staff_signer="王经理", tenant_signer="张三", by=business_user(), ip_address="10.1.1.1"
    )
    # then
    document = Document.objects.get(pk=lease.signed_document_id)
    assert lease.status == Lease.Status.SIGNED and lease.signed_at is not None
    assert document.kind == LEASE_SUMMARY and document.about == lease
    assert document.content_type == "application/pdf"
    signatures = Signature.objects.filter(document=document).order_by("signer_role")
    assert [(s.signer_name, s.signer_role) for s in signatures] == [("王经理", "staff"), ("张三", "tenant")]
    assert {s.content_sha256 for s in signatures} == {document.sha256}
    assert Unit.objects.get(pk=unit.pk).status == Unit.Status.RESERVED


def test_a_signed_lease_is_frozen_in_the_database():
    # given
    lease = lease_in(Lease.Status.SIGNED)
    # when / then
    with pytest.raises(DatabaseError, match="amendment"), transaction.atomic():
        Lease.objects.filter(pk=lease.pk).update(rent_rate=Decimal("1.00"))
    Lease.objects.filter(pk=lease.pk).update(effective_end=date(2028, 6, 30))  # not a frozen term


def test_lease_sign_refuses_an_unnamed_signer_and_changes_nothing(document_root):
    # given
    lease = draft_lease()
    # when / then
    with pytest.raises(DomainError) as error:
        lease_sign(lease=lease, staff_signer="王经理", tenant_signer=" ", by=business_user())
    assert error.value.field == "tenant_signer"
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.DRAFT
    assert Document.objects.count() == 0


def test_lease_activate_refuses_a_draft_and_a_lease_not_started():
    # given
    draft = draft_lease(approved=False)
    signed = lease_in(Lease.Status.SIGNED)
    # when / then
    with pytest.raises(DomainError):
        lease_activate(lease=draft, by=business_user())
    with pytest.raises(DomainError, match="起始日为"):
        lease_activate(lease=signed, by=business_user(), today=date(2025, 12, 31))
    assert draft.events.exclude(kind=LeaseEvent.Kind.DRAFTED).count() == 0


def test_lease_activate_occupies_the_units_from_the_start_date():
    # given
    lease = lease_in(Lease.Status.SIGNED)
    # when
    lease = lease_activate(lease=lease, by=business_user(), today=START)
    # then
    assert lease.status == Lease.Status.ACTIVE
    assert {u.status for u in lease.units.all()} == {Unit.Status.OCCUPIED}


def test_a_units_updated_at_moves_when_its_status_changes():
    # given: a unit last touched a while ago
    lease = lease_in(Lease.Status.SIGNED)
    Unit.objects.filter(lease_units__lease=lease).update(updated_at=timezone.now() - timedelta(days=30))
    before = timezone.now()
    # when
    lease_activate(lease=lease, by=business_user(), today=START)
    # then
    assert all(unit.updated_at >= before for unit in Unit.objects.filter(lease_units__lease=lease))


def test_lease_end_vacates_the_units_and_frees_them_after_the_move_out():
    # given
    unit = UnitFactory()
    lease = lease_in(Lease.Status.ACTIVE, units=[unit])
    # when
    lease_end(lease=lease, move_out_date=date(2026, 6, 30), by=UserFactory(roles=["front_desk"]))
    # then
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.ENDED
    assert Unit.objects.get(pk=unit.pk).status == Unit.Status.VACANT
    assert lease.lease_units.get().end_date == date(2026, 6, 30)
    assert draft_lease(units=[unit], start_date=date(2026, 7, 1)).pk


def test_lease_end_refuses_a_draft():
    # given
    lease = draft_lease()
    # when / then
    with pytest.raises(DomainError):
        lease_end(lease=lease, move_out_date=date(2026, 6, 30), by=None)
