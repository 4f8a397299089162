"""A building's own resolution target of a category: tickets received there are due by it, elsewhere by the
category's; management sets and removes it (an office only for its own buildings) on the targets page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents.errors import DomainError
from leasing.models import Building
from servicedesk import services
from servicedesk.clocks import dues_for
from servicedesk.models import Category, CategoryTarget, Ticket
from servicedesk.services.targets import category_target_remove, category_target_set
from tests.factories import OfficeFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db

# A Monday morning in office hours, so working hours add up plainly.
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _office_manager(building: Building):  # type: ignore[no-untyped-def]
    office = OfficeFactory()
    Building.objects.filter(pk=building.pk).update(office=office)
    return UserFactory(roles=["management"], offices=[office])


def test_a_building_target_replaces_the_category_target_there_only(category, general_manager):
    # given: the category resolves in 2 working days; building A promises 4 working hours
    a, b = BuildingFactory(), BuildingFactory()
    category_target_set(
        category=category, building=a, resolution_target=4, resolution_unit="hours", by=general_manager
    )

    # when
    def due(building: Building) -> datetime:
        return dues_for(
            received_at=MONDAY, kind=Ticket.Kind.REPAIR, urgency=Ticket.Urgency.NORMAL, category=category,
            building_id=building.pk,
        ).resolution  # fmt: skip

    # then
    assert due(a) == MONDAY + timedelta(hours=4)
    assert due(b) > MONDAY + timedelta(days=1)
    # when removed, A follows the category again
    assert category_target_remove(category=category, building=a, by=general_manager)
    assert due(a) == due(b)


def test_a_ticket_received_in_the_building_is_due_by_its_target(front_desk, category, general_manager):
    unit = UnitFactory()
    category_target_set(
        category=category,
        building=unit.building,
        resolution_target=3,
        resolution_unit="hours",
        by=general_manager,
    )
    ticket = services.ticket_create(
        by=front_desk, kind=Ticket.Kind.REPAIR, channel=Ticket.Channel.PHONE, category=category, unit=unit,
        description="空调不制冷", tenant=None, received_at=MONDAY,
    )  # fmt: skip
    assert ticket.resolution_due_at == MONDAY + timedelta(hours=3)


def test_a_target_is_checked_and_set_only_by_management_of_the_building(category, front_desk):
    a, b = BuildingFactory(), BuildingFactory()
    manager_a = _office_manager(a)
    with pytest.raises(DomainError):
        category_target_set(
            category=category, building=a, resolution_target=0, resolution_unit="days", by=manager_a
        )
    with pytest.raises(DomainError):
        category_target_set(
            category=category, building=a, resolution_target=2, resolution_unit="weeks", by=manager_a
        )
    with pytest.raises(PermissionDenied):
        category_target_set(
            category=category, building=b, resolution_target=2, resolution_unit="days", by=manager_a
        )
    with pytest.raises(PermissionDenied):
        category_target_set(
            category=category, building=a, resolution_target=2, resolution_unit="days", by=front_desk
        )
    category_target_set(
        category=category, building=a, resolution_target=2, resolution_unit="days", by=manager_a
    )
    category_target_set(
        category=category, building=a, resolution_target=1, resolution_unit="days", by=manager_a
    )
    assert list(CategoryTarget.objects.values_list("building_id", "resolution_target")) == [(a.pk, 1)]


def test_the_targets_page_sets_and_removes_a_target_of_the_office_buildings(client, category):
    # given
    a, b = BuildingFactory(name="East Tower"), BuildingFactory(name="West Tower")
    manager_a = _office_manager(a)
    other = CategoryTarget.objects.create(
        category=category, building=b, resolution_target=9, resolution_unit="days"
    )
    client.force_login(manager_a)
    url = reverse("servicedesk:targets")
    # when: B is no choice; A is
    data = {"category": category.pk, "resolution_target": 6, "resolution_unit": "hours"}
    assert client.post(url, {**data, "building": b.pk}).status_code == 400
    assert client.post(url, {**data, "building": a.pk}).status_code == 302
    # then: the page lists A's target only; B's cannot be removed by A's office
    target = CategoryTarget.objects.get(building=a)
    page = client.get(url).content.decode()
    assert f'data-building="{a.pk}"' in page and f'data-building="{b.pk}"' not in page
    assert client.post(reverse("servicedesk:target-remove", args=[other.pk])).status_code == 404
    assert client.post(reverse("servicedesk:target-remove", args=[target.pk])).status_code == 302
    assert list(CategoryTarget.objects.all()) == [other]
    assert Category.objects.get(pk=category.pk).resolution_target == 2


@pytest.mark.parametrize("role", ["front_desk", "finance", "engineering"])
def test_other_roles_get_403_on_the_targets_page(client, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("servicedesk:targets")).status_code == 403
