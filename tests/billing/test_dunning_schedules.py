"""Dunning schedules per building: a building's own schedule replaces the company's for its bills, the
company's (else the built-in one) applies elsewhere; management sets them (an office only for its own
buildings, the company's only head office), each stage later than the one before; the page shows them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from billing.models import DunningLetter, DunningStage
from billing.services.arrears import dunning_run, stages_of
from billing.services.dunning_schedules import StageInput, dunning_schedule_reset, dunning_schedule_set
from documents.errors import DomainError
from leasing.models import Building
from tests.billing.factories import ISSUED_AHEAD, active_lease, issued_bill
from tests.factories import OfficeFactory, UserFactory
from tests.leasing.factories import BuildingFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

STANDARD = DunningStage.Schedule.STANDARD


def _stages(*days: int, suspends: str = "final") -> list[StageInput]:
    return [
        StageInput(kind, day, kind == suspends)
        for kind, day in zip(DunningStage.Kind.values, days, strict=False)
    ]


def _office_manager(building: Building):  # type: ignore[no-untyped-def]
    office = OfficeFactory()
    Building.objects.filter(pk=building.pk).update(office=office)
    return UserFactory(roles=["management"], offices=[office])


def test_a_building_follows_its_own_schedule_else_the_company_one(general_manager):
    # given: the company's standard schedule and building A's own
    a, b = BuildingFactory(), BuildingFactory()
    dunning_schedule_set(building=None, schedule=STANDARD, stages=_stages(3, 10, 20, 40), by=general_manager)
    dunning_schedule_set(building=a, schedule=STANDARD, stages=_stages(8, 16, 24, 48), by=general_manager)
    # then: latest first; the strict schedule (none set) is the built-in one everywhere
    assert [row[1] for row in stages_of(STANDARD, a.pk)] == [48, 24, 16, 8]
    assert [row[1] for row in stages_of(STANDARD, b.pk)] == [40, 20, 10, 3]
    assert [row[1] for row in stages_of(STANDARD)] == [40, 20, 10, 3]
    assert [row[1] for row in stages_of(DunningStage.Schedule.STRICT, a.pk)] == [30, 15, 7, 1]
    # when: A goes back to the company's
    dunning_schedule_reset(building=a, schedule=STANDARD, by=general_manager)
    assert [row[1] for row in stages_of(STANDARD, a.pk)] == [40, 20, 10, 3]


def test_the_daily_run_sends_each_bill_the_stage_of_its_building(db, document_root, general_manager):
    # given: two bills due 5 March in two buildings; A reminds only after 10 days
    here = issued_bill(active_lease(), today=ISSUED_AHEAD)
    there = issued_bill(active_lease(), today=ISSUED_AHEAD)
    assert here.building_id != there.building_id
    dunning_schedule_set(
        building=here.building, schedule=STANDARD, stages=_stages(10, 20, 30, 60), by=general_manager
    )
    # when: 5 days overdue
    dunning_run(today=date(2026, 3, 10))
    # then: only the other building's bill got its reminder
    assert list(DunningLetter.objects.values_list("bill_id", "kind")) == [(there.pk, "reminder")]
    dunning_run(today=date(2026, 3, 15))
    assert DunningLetter.objects.filter(bill=here, kind="reminder").exists()


def test_a_schedule_names_every_stage_each_later_than_the_one_before(general_manager):
    building = BuildingFactory()
    with pytest.raises(DomainError) as error:
        dunning_schedule_set(
            building=building, schedule=STANDARD, stages=_stages(5, 5, 20, 40), by=general_manager
        )
    assert error.value.field == "days_second"
    with pytest.raises(DomainError):
        dunning_schedule_set(
            building=building, schedule=STANDARD, stages=_stages(0, 5, 20, 40), by=general_manager
        )
    with pytest.raises(DomainError):
        dunning_schedule_set(
            building=building, schedule=STANDARD, stages=_stages(1, 5, 20), by=general_manager
        )
    with pytest.raises(DomainError):
        dunning_schedule_set(
            building=building, schedule="lenient", stages=_stages(1, 5, 20, 40), by=general_manager
        )
    assert not DunningStage.objects.filter(building=building).exists()


def test_only_management_of_the_building_office_or_head_office_sets_a_schedule(finance_manager):
    # given: office A runs building A
    a, b = BuildingFactory(), BuildingFactory()
    manager_a = _office_manager(a)
    # when / then: finance may not; office A may set A's, not B's nor the company's
    with pytest.raises(PermissionDenied):
        dunning_schedule_set(building=a, schedule=STANDARD, stages=_stages(1, 5, 20, 40), by=finance_manager)
    dunning_schedule_set(building=a, schedule=STANDARD, stages=_stages(1, 5, 20, 40), by=manager_a)
    for building in (b, None):
        with pytest.raises(PermissionDenied):
            dunning_schedule_set(
                building=building, schedule=STANDARD, stages=_stages(2, 5, 20, 40), by=manager_a
            )
    with pytest.raises(PermissionDenied):
        dunning_schedule_reset(building=b, schedule=STANDARD, by=manager_a)
    # the migration's company stages stay; only A has its own
    assert set(DunningStage.objects.filter(building__isnull=False).values_list("building_id", flat=True)) == {
        a.pk
    }


def test_management_sets_a_building_schedule_in_the_page(client):
    # given
    a, b = BuildingFactory(name="East Tower"), BuildingFactory(name="West Tower")
    manager = _office_manager(a)
    client.force_login(manager)
    url = reverse("billing:dunning-schedule-edit", args=[STANDARD])
    # when: a stage out of order, then a good schedule
    data = {"building": a.pk, "days_reminder": 4, "days_second": 3, "days_final": 30, "days_termination": 60}
    assert client.post(url, data).status_code == 400
    response = client.post(url, {**data, "days_second": 12, "suspends_final": "on"})
    # then
    assert response.status_code == 302
    assert [row[1] for row in stages_of(STANDARD, a.pk)] == [60, 30, 12, 4]
    page = client.get(reverse("billing:dunning-schedules")).content.decode()
    assert f'data-building="{a.pk}"' in page and f'data-building="{b.pk}"' not in page
    assert "West Tower" not in page
    # another office's building is not found
    assert client.get(url + f"?building={b.pk}").status_code == 404


@pytest.mark.parametrize("role", ["front_desk", "business", "engineering"])
def test_other_roles_get_403_on_the_schedule_pages(client, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("billing:dunning-schedules")).status_code == 403
    assert client.get(reverse("billing:dunning-schedule-edit", args=[STANDARD])).status_code == 403


def test_finance_reads_the_schedules_but_does_not_change_them(client, finance_manager):
    client.force_login(finance_manager)
    assert client.get(reverse("billing:dunning-schedules")).status_code == 200
    assert client.get(reverse("billing:dunning-schedule-edit", args=[STANDARD])).status_code == 403
