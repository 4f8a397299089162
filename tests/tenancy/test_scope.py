"""Building scope: staff see the buildings of their management offices; head office and superusers see all;
a staff user in no office, or in an office running no building, sees nothing and is told why."""

import pytest
from django.http import Http404
from django.utils import translation

from leasing.models import Lease, Unit
from tenancy.models import Application, Tenant
from tenancy.roles import Role
from tenancy.scope import (
    application_scope,
    building_ids,
    fans_out,
    scope,
    scope_problem,
    scoped_or_404,
    tenant_scope,
)
from tests.factories import OfficeFactory, TenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import lease_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices():
    """Two offices, one building each, and a front desk clerk in each."""
    a, b = OfficeFactory(), OfficeFactory()
    building_a, building_b = BuildingFactory(office=a), BuildingFactory(office=b)
    clerk_a = UserFactory(roles=[Role.FRONT_DESK], offices=[a])
    clerk_b = UserFactory(roles=[Role.FRONT_DESK], offices=[b])
    return {"a": a, "b": b, "building_a": building_a, "building_b": building_b, "clerk_a": clerk_a,
            "clerk_b": clerk_b}  # fmt: skip


def _lease_in(building, tenant=None):
    return lease_in(Lease.Status.ACTIVE, units=[UnitFactory(building=building)], tenant=tenant)


def test_building_ids_are_the_buildings_of_the_users_offices(offices):
    # given
    both = UserFactory(roles=[Role.BUSINESS], offices=[offices["a"], offices["b"]])
    # then
    assert building_ids(offices["clerk_a"]) == {offices["building_a"].pk}
    assert building_ids(both) == {offices["building_a"].pk, offices["building_b"].pk}


def test_head_office_staff_and_superusers_see_every_building(offices):
    # given
    head = UserFactory(roles=[Role.MANAGEMENT])  # the factory's default: head office
    root = UserFactory(is_staff=True, is_superuser=True, offices=[])
    # then
    assert building_ids(head) is None
    assert building_ids(root) is None
    assert scope(Unit.objects.all(), head, "building").count() == Unit.objects.count()


def test_building_ids_are_read_once_per_request(offices, django_assert_num_queries):
    # given
    clerk = offices["clerk_a"]
    building_ids(clerk)
    # when / then
    with django_assert_num_queries(0):
        building_ids(clerk)


def test_a_staff_user_in_no_office_sees_nothing_and_is_told_why(offices):
    # given
    stray = UserFactory(roles=[Role.FRONT_DESK], offices=[])
    UnitFactory(building=offices["building_a"])
    # then
    assert building_ids(stray) == frozenset()
    assert not scope(Unit.objects.all(), stray, "building").exists()
    with translation.override("en"):
        assert "no management office" in scope_problem(stray)


def test_an_office_running_no_building_sees_nothing_and_is_told_why(offices):
    # given
    empty = UserFactory(roles=[Role.FRONT_DESK], offices=[OfficeFactory()])
    UnitFactory(building=offices["building_a"])
    # then
    assert not scope(Unit.objects.all(), empty, "building").exists()
    with translation.override("en"):
        assert "runs no building" in scope_problem(empty)
    assert scope_problem(offices["clerk_a"]) == ""


def test_scope_follows_the_path_to_the_building(offices):
    # given
    mine, theirs = _lease_in(offices["building_a"]), _lease_in(offices["building_b"])
    # when
    leases = scope(Lease.objects.all(), offices["clerk_a"], "building")
    units = scope(Unit.objects.all(), offices["clerk_a"], "floor__building")
    # then
    assert list(leases) == [mine]
    assert set(units) == set(mine.units.all())
    assert theirs not in leases


def test_a_path_that_fans_out_gives_each_row_once(offices):
    # given
    units = [UnitFactory(building=offices["building_a"]) for _ in range(3)]
    lease = lease_in(Lease.Status.ACTIVE, units=units)
    # when
    leases = scope(Lease.objects.order_by("number"), offices["clerk_a"], "units__building")
    # then
    assert fans_out(Lease, "units__building")
    assert not fans_out(Lease, "building")
    assert list(leases) == [lease]


def test_another_buildings_object_is_404(offices):
    # given
    theirs = _lease_in(offices["building_b"])
    # when / then
    with pytest.raises(Http404):
        scoped_or_404(Lease.objects.all(), offices["clerk_a"], "building", pk=theirs.pk)
    assert scoped_or_404(Lease.objects.all(), offices["clerk_b"], "building", pk=theirs.pk) == theirs


def test_a_tenant_renting_in_two_buildings_is_seen_by_both_offices_each_with_its_own_leases(offices):
    # given
    tenant = TenantFactory()
    in_a, in_b = _lease_in(offices["building_a"], tenant), _lease_in(offices["building_b"], tenant)
    only_b = _lease_in(offices["building_b"]).tenant
    # when
    seen_by_a = tenant_scope(Tenant.objects.all(), offices["clerk_a"])
    # then
    assert tenant in seen_by_a
    assert only_b not in seen_by_a
    assert list(scope(tenant.leases.all(), offices["clerk_a"], "building")) == [in_a]
    assert list(scope(tenant.leases.all(), offices["clerk_b"], "building")) == [in_b]
    assert list(tenant_scope(Lease.objects.filter(tenant=only_b), offices["clerk_a"], "tenant")) == []


def test_an_applicant_is_seen_by_the_office_of_the_building_applied_for(offices):
    # given
    applicant, elsewhere = TenantFactory(), TenantFactory()
    _lease_in(offices["building_b"], elsewhere)
    Application.objects.create(
        number="SQ-1", channel="front_desk", applicant_name=applicant.name, tenant=applicant,
        building=offices["building_a"].code,
    )  # fmt: skip
    Application.objects.create(
        number="SQ-2", channel="front_desk", applicant_name=elsewhere.name, tenant=elsewhere,
        building=offices["building_b"].name,
    )  # fmt: skip
    # when
    tenants_a = tenant_scope(Tenant.objects.all(), offices["clerk_a"])
    applications_a = application_scope(Application.objects.all(), offices["clerk_a"])
    # then
    assert applicant in tenants_a and elsewhere not in tenants_a
    assert [a.number for a in applications_a] == ["SQ-1"]


def test_a_prospect_tied_to_no_building_is_seen_by_every_office(offices):
    # given
    prospect = TenantFactory()
    Application.objects.create(
        number="SQ-3", channel="public", applicant_name=prospect.name, tenant=prospect, building=""
    )
    # then
    for clerk in (offices["clerk_a"], offices["clerk_b"]):
        assert prospect in tenant_scope(Tenant.objects.all(), clerk)
        assert application_scope(Application.objects.filter(number="SQ-3"), clerk).exists()
