"""Building pages: list with counts and occupancy, create and edit, detail with floors and a summary."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leasing.models import Building, Unit
from tenancy.history import object_history
from tests.leasing.factories import BuildingFactory, FloorFactory, UnitFactory


def _unit(building, number: int, code: str, status: str, area: str) -> Unit:
    gross = Decimal(area)
    return UnitFactory(
        floor=FloorFactory(building=building, number=number),
        code=code,
        status=status,
        gross_area=gross,
        usable_area=gross * Decimal("0.8"),
    )


def test_building_list_shows_unit_counts_and_occupancy_by_area(client, finance_manager):
    # given
    building = BuildingFactory(code="A")
    _unit(building, 1, "101", Unit.Status.OCCUPIED, "300")
    _unit(building, 1, "102", Unit.Status.VACANT, "100")
    _unit(building, 2, "201", Unit.Status.RESERVED, "100")
    empty = BuildingFactory(code="Z")
    client.force_login(finance_manager)
    # when
    response = client.get(reverse("leasing:building-list"))
    # then
    rows = {row.record.code: row for row in response.context["table"].page.object_list}
    assert rows["A"].get_cell("unit_count") == 3
    assert rows["A"].get_cell("occupied_count") == 1 and rows["A"].get_cell("vacant_count") == 1
    assert rows["A"].get_cell("occupancy") == "60.0%"
    assert rows[empty.code].get_cell("unit_count") == 0 and rows[empty.code].get_cell("occupancy") == "—"


def test_building_list_costs_the_same_queries_for_1_and_for_10_buildings(client, front_desk):
    # given
    client.force_login(front_desk)
    counts = []
    for total in (1, 10):
        Unit.objects.all().delete()
        Building.objects.all().delete()
        for _ in range(total):
            UnitFactory()
        # when
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("leasing:building-list"))
        counts.append(len(queries))
    # then
    assert counts[0] == counts[1]


def test_building_detail_shows_floors_and_a_status_summary(client, engineer):
    # given
    building = BuildingFactory()
    _unit(building, 1, "101", Unit.Status.OCCUPIED, "300")
    _unit(building, 1, "102", Unit.Status.VACANT, "100")
    _unit(building, -1, "B101", Unit.Status.VACANT, "50")
    client.force_login(engineer)
    # when
    response = client.get(reverse("leasing:building-detail", args=[building.pk]))
    # then
    floors = [(str(f), f.unit_count, f.vacant_count, f.occupied_count) for f in response.context["floors"]]
    assert floors == [("1F", 2, 1, 1), ("B1", 1, 1, 0)]
    summary = {line.status: (line.count, line.gross_area) for line, _badge in response.context["summary"]}
    assert summary[Unit.Status.VACANT] == (2, Decimal("150.00"))
    assert summary[Unit.Status.OCCUPIED] == (1, Decimal("300.00"))
    assert summary[Unit.Status.RESERVED] == (0, Decimal("0.00"))
    assert response.context["unit_total"] == 3
    page = response.content.decode()
    assert f"?building={building.pk}&amp;status=vacant" in page
    assert reverse("leasing:unit-import", args=[building.pk]) not in page  # engineering may not import


def test_building_detail_offers_import_to_business(client, business_manager):
    # given
    building = BuildingFactory()
    client.force_login(business_manager)
    # when
    page = client.get(reverse("leasing:building-detail", args=[building.pk])).content.decode()
    # then
    assert reverse("leasing:unit-import", args=[building.pk]) in page
    assert reverse("leasing:building-edit", args=[building.pk]) in page


def test_building_create_through_the_page(client, business_manager):
    # when
    response = client.post(
        reverse("leasing:building-create"), {"name": "星光中心", "code": "XG", "address": "上海"}
    )
    # then: not logged in yet
    assert response.status_code == 302 and not Building.objects.exists()
    client.force_login(business_manager)
    response = client.post(
        reverse("leasing:building-create"), {"name": "星光中心", "code": "XG", "address": "上海"}
    )
    building = Building.objects.get(code="XG")
    assert response.url == reverse("leasing:building-detail", args=[building.pk])
    assert object_history(building)[0].user == business_manager


def test_building_create_refuses_a_taken_code_at_the_field(client, business_manager):
    # given
    BuildingFactory(code="XG")
    client.force_login(business_manager)
    # when
    response = client.post(
        reverse("leasing:building-create"), {"name": "新楼", "code": "XG", "address": "浦东"}
    )
    # then
    assert response.context["form"].errors["code"] == ["该代码已被其他楼宇使用。"]
    assert Building.objects.count() == 1
    assert "浦东" in response.content.decode()


def test_building_edit_through_the_page(client, general_manager):
    # given
    building = BuildingFactory(name="旧名")
    client.force_login(general_manager)
    # when
    response = client.post(
        reverse("leasing:building-edit", args=[building.pk]),
        {"name": "新名", "code": building.code, "address": ""},
    )
    # then
    assert response.status_code == 302
    building.refresh_from_db()
    assert building.name == "新名"
    assert object_history(building)[0].user == general_manager


def test_the_days_to_pay_a_bill_are_set_on_the_building_page(client, business_manager):
    # given: a building with the default 7 days
    building = BuildingFactory()
    assert building.bill_payment_days == 7
    client.force_login(business_manager)
    url = reverse("leasing:building-edit", args=[building.pk])
    fields = {"name": building.name, "code": building.code, "address": ""}
    # when: too many days, then 10
    refused = client.post(url, {**fields, "bill_payment_days": "91"})
    saved = client.post(url, {**fields, "bill_payment_days": "10"})
    # then: refused at the field, then saved and shown on the building's page
    assert "bill_payment_days" in refused.context["form"].errors
    assert saved.status_code == 302
    building.refresh_from_db()
    assert building.bill_payment_days == 10
    page = client.get(reverse("leasing:building-detail", args=[building.pk])).content.decode()
    assert "10" in page and "账单开具后至少 10 天到期" in page
