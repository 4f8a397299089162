"""Services check the building scope of the acting staff user too, not only the pages: a command, a task or
the API cannot act for office A on office B's building."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from documents.errors import DomainError
from handover.services.rounds import round_open
from leasing.leases.services import lease_create
from leasing.models import BuildingNotice
from leasing.notices.services import building_notice_publish
from leasing.services import building_create
from tenancy.roles import Role
from tests.factories import OfficeFactory, TenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def buildings():
    a, b = OfficeFactory(), OfficeFactory()
    return BuildingFactory(office=a), BuildingFactory(office=b), a


def test_office_staff_draft_no_lease_over_another_offices_units(buildings):
    # given
    mine, theirs, office = buildings
    clerk = UserFactory(roles=[Role.BUSINESS], offices=[office])
    # when / then
    with pytest.raises(PermissionDenied):
        lease_create(tenant=TenantFactory(), units=[UnitFactory(building=theirs)], terms=terms(), by=clerk)
    lease = lease_create(tenant=TenantFactory(), units=[UnitFactory(building=mine)], terms=terms(), by=clerk)
    assert lease.building == mine


def test_office_engineers_open_no_round_of_another_offices_building(buildings):
    # given
    mine, theirs, office = buildings
    engineer = UserFactory(roles=[Role.ENGINEERING], offices=[office])
    month = date.today().replace(day=1)
    # when / then
    with pytest.raises(PermissionDenied):
        round_open(building=theirs, month=month, by=engineer)
    assert round_open(building=mine, month=month, by=engineer).building == mine


@pytest.mark.parametrize("audience", [BuildingNotice.Audience.ALL, BuildingNotice.Audience.BUILDING])
def test_office_staff_publish_no_notice_beyond_their_buildings(buildings, audience):
    # given
    _mine, theirs, office = buildings
    clerk = UserFactory(roles=[Role.FRONT_DESK], offices=[office])
    # when / then
    with pytest.raises(DomainError) as refused:
        building_notice_publish(
            by=clerk, title="停水", body="明日停水", audience=audience, valid_from=date.today(),
            valid_until=date.today(), building=theirs,
        )  # fmt: skip
    assert refused.value.field in {"audience", "building"}


def test_a_building_made_by_an_offices_staff_runs_under_that_office(buildings):
    # given
    _mine, _theirs, office = buildings
    manager = UserFactory(roles=[Role.BUSINESS], offices=[office])
    head = UserFactory(roles=[Role.BUSINESS])
    # when
    theirs = building_create(name="新楼", code="N1", by=manager)
    unassigned = building_create(name="总部新楼", code="N2", by=head)
    # then: the office's staff see their new building; head office's waits for an office
    assert theirs.office == office
    assert unassigned.office is None
