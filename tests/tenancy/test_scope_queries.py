"""Scoped staff lists cost a constant number of queries, within the bench's 12 a page, for a user of one
management office as for head office: the office's buildings are read once per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leasing.models import Lease
from tenancy.roles import Role
from tests.factories import OfficeFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import lease_in

pytestmark = pytest.mark.django_db

LISTS = ("leasing:unit-list", "leasing:building-list", "leasing:lease-list", "tenancy:tenant-list")


def _leases(building, count: int) -> None:
    for _ in range(count):
        lease_in(Lease.Status.ACTIVE, units=[UnitFactory(building=building)])


def _queries(client, url_name: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", LISTS)
def test_a_scoped_list_costs_the_same_queries_for_few_and_many_rows(client, url_name):
    # given: office A's building and office B's, each with leases
    office_a, office_b = OfficeFactory(), OfficeFactory()
    mine, theirs = BuildingFactory(office=office_a), BuildingFactory(office=office_b)
    _leases(mine, 1)
    _leases(theirs, 2)
    client.force_login(UserFactory(roles=[Role.MANAGEMENT], offices=[office_a]))
    few = _queries(client, url_name)
    # when
    _leases(mine, 4)
    many = _queries(client, url_name)
    # then
    assert few == many
    assert many <= 12
