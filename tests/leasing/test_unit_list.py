"""The unit list: filters, search, order, pagination, badges, and a constant number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leasing.models import Unit
from tests.leasing.factories import BuildingFactory, FloorFactory, UnitFactory

URL = reverse("leasing:unit-list")


def _codes(response) -> list[str]:
    return [unit.code for unit in response.context["table"].page.object_list.data]


def _rows(response) -> list[Unit]:
    return [row.record for row in response.context["table"].page.object_list]


def _make_units(count: int) -> None:
    buildings = [BuildingFactory(), BuildingFactory()]
    for i in range(count):
        building = buildings[i % 2]
        UnitFactory(floor=FloorFactory(building=building, number=i % 7 + 1), code=f"U{i:03d}")


def _queries_for_list(client, count: int) -> int:
    _make_units(count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"per_page": 100})
    assert response.status_code == 200
    assert len(_rows(response)) == Unit.objects.count()
    return len(queries)


def test_unit_list_costs_the_same_queries_for_5_and_for_50_rows(
    client, front_desk, django_db_reset_sequences
):
    # given
    client.force_login(front_desk)
    # when
    five = _queries_for_list(client, 5)
    Unit.objects.all().delete()
    fifty = _queries_for_list(client, 50)
    # then
    assert five == fifty
    assert fifty <= 12


def test_unit_list_is_sorted_by_building_then_floor_then_code(client, front_desk):
    # given
    b, a = BuildingFactory(code="B"), BuildingFactory(code="A")
    UnitFactory(floor=FloorFactory(building=b, number=1), code="101")
    UnitFactory(floor=FloorFactory(building=a, number=2), code="201")
    UnitFactory(floor=FloorFactory(building=a, number=1), code="102")
    UnitFactory(floor=FloorFactory(building=a, number=1), code="101")
    UnitFactory(floor=FloorFactory(building=a, number=-1), code="B101")
    client.force_login(front_desk)
    # when
    response = client.get(URL)
    # then
    assert [(u.building.code, u.floor.number, u.code) for u in _rows(response)] == [
        ("A", -1, "B101"),
        ("A", 1, "101"),
        ("A", 1, "102"),
        ("A", 2, "201"),
        ("B", 1, "101"),
    ]


def test_unit_list_shows_25_rows_a_page_unless_asked_for_more(client, front_desk):
    # given
    _make_units(30)
    client.force_login(front_desk)
    # when
    default = client.get(URL)
    second_page = client.get(URL, {"page": 2})
    fifty = client.get(URL, {"per_page": 50})
    nonsense = client.get(URL, {"per_page": "many"})
    # then
    assert len(_rows(default)) == 25
    assert len(_rows(second_page)) == 5
    assert len(_rows(fifty)) == 30
    assert len(_rows(nonsense)) == 25


def test_unit_list_bounds_per_page_and_out_of_range_pages(client, front_desk):
    # given
    _make_units(3)
    client.force_login(front_desk)
    # when
    huge = client.get(URL, {"per_page": 10**9})
    zero = client.get(URL, {"per_page": 0})
    past_the_end = client.get(URL, {"page": 99})
    # then
    assert huge.context["table"].paginator.per_page == 200
    assert zero.context["table"].paginator.per_page == 1
    assert past_the_end.status_code == 200 and len(_rows(past_the_end)) == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": Unit.Status.OCCUPIED}, ["A-2"]),
        ({"use": Unit.Use.RETAIL}, ["A-1"]),
        ({"area_min": "100"}, ["A-2", "B-1"]),
        ({"area_max": "100"}, ["A-1"]),
        ({"area_min": "100", "area_max": "200"}, ["A-2"]),
        ({"q": "b-"}, ["B-1"]),
        ({"q": "星光"}, ["B-1"]),
    ],
)
def test_unit_list_filters(client, front_desk, params, expected):
    # given
    a, b = BuildingFactory(code="A", name="浦江大厦"), BuildingFactory(code="B", name="星光中心")
    UnitFactory(
        floor=FloorFactory(building=a, number=1),
        code="A-1",
        use=Unit.Use.RETAIL,
        gross_area=Decimal("50"),
        usable_area=Decimal("45"),
    )
    UnitFactory(
        floor=FloorFactory(building=a, number=2),
        code="A-2",
        status=Unit.Status.OCCUPIED,
        gross_area=Decimal("150"),
        usable_area=Decimal("120"),
    )
    UnitFactory(
        floor=FloorFactory(building=b, number=1),
        code="B-1",
        gross_area=Decimal("250"),
        usable_area=Decimal("200"),
    )
    client.force_login(front_desk)
    # when
    response = client.get(URL, params)
    # then
    assert _codes(response) == expected


def test_unit_list_filters_by_building_and_floor(client, front_desk):
    # given
    a, b = BuildingFactory(code="A"), BuildingFactory(code="B")
    third = FloorFactory(building=a, number=3)
    UnitFactory(floor=third, code="301")
    UnitFactory(floor=FloorFactory(building=a, number=4), code="401")
    UnitFactory(floor=FloorFactory(building=b, number=3), code="B301")
    client.force_login(front_desk)
    # when
    by_building = client.get(URL, {"building": b.pk})
    by_floor = client.get(URL, {"building": a.pk, "floor": third.number})
    third_floor_everywhere = client.get(URL, {"floor": 3})
    # then
    assert _codes(by_building) == ["B301"]
    assert _codes(by_floor) == ["301"]
    assert _codes(third_floor_everywhere) == ["301", "B301"]
    floor_choices = [label for _value, label in by_floor.context["filter"].form.fields["floor"].choices][1:]
    assert floor_choices == ["3F", "4F"]
    assert '<option value="3" selected>3F</option>' in by_floor.content.decode()


def test_unit_list_shows_the_status_as_a_coloured_badge(client, front_desk):
    # given
    UnitFactory(status=Unit.Status.VACANT)
    UnitFactory(status=Unit.Status.OCCUPIED)
    client.force_login(front_desk)
    # when
    page = client.get(URL).content.decode()
    # then
    assert '<span class="badge text-bg-success" data-status="vacant">空置</span>' in page
    assert '<span class="badge text-bg-primary" data-status="occupied">已出租</span>' in page


def test_unit_list_offers_new_unit_only_to_those_who_may_create(client, front_desk, business_manager):
    # given
    new_unit = reverse("leasing:unit-create")
    # when
    client.force_login(front_desk)
    front_desk_page = client.get(URL).content.decode()
    client.force_login(business_manager)
    business_page = client.get(URL).content.decode()
    # then
    assert new_unit not in front_desk_page
    assert new_unit in business_page


def test_unit_list_rows_have_one_cell_per_column_header(client, front_desk):
    # given: the rows are rendered by the list's own template, the headers by the table's columns
    unit = UnitFactory(code="701", status=Unit.Status.RESERVED)
    client.force_login(front_desk)
    # when
    response = client.get(URL)
    # then
    page = response.content.decode()
    body = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    header = page.split("<thead", 1)[1].split("</thead>", 1)[0]
    assert body.count("<td") == header.count("<th") == len(response.context["table"].columns)
    assert f'href="{reverse("leasing:unit-detail", args=[unit.pk])}"' in body
    assert 'data-status="reserved"' in body and unit.building.name in body and "3F" not in body


def test_unit_list_filter_choices_are_escaped_and_keep_the_selection(client, front_desk):
    # given
    building = BuildingFactory(name="<b>大厦</b>")
    UnitFactory(building=building)
    client.force_login(front_desk)
    # when
    page = client.get(URL, {"building": building.pk}).content.decode()
    # then
    assert f'<option value="{building.pk}" selected>&lt;b&gt;大厦&lt;/b&gt;</option>' in page
    assert "<b>大厦</b>" not in page


def test_unit_list_says_when_nothing_matches(client, front_desk):
    # given
    UnitFactory(status=Unit.Status.VACANT)
    client.force_login(front_desk)
    # when
    response = client.get(URL, {"status": Unit.Status.OCCUPIED})
    # then
    assert "没有符合筛选条件的单元。" in response.content.decode()
    assert response.context["table"].paginator.count == 0
