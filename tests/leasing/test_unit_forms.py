"""Creating and editing units through the pages: messages at the field, nothing half-saved, history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from leasing.models import Floor, Lease, Unit
from tenancy.history import object_history
from tests.leasing.factories import BuildingFactory, FloorFactory, UnitFactory
from tests.leasing.lease_factories import lease_in


def _form_data(building, **overrides) -> dict:
    data = {
        "building": building.pk,
        "floor_number": "5",
        "code": "501",
        "gross_area": "150.00",
        "usable_area": "120.00",
        "use": Unit.Use.OFFICE,
        "status": Unit.Status.VACANT,
        "guide_rent": "7.20",
        "notes": "朝南，采光好",
    }
    return {**data, **overrides}


def test_unit_create_makes_the_unit_and_its_floor(client, business_manager):
    # given
    building = BuildingFactory()
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:unit-create"), _form_data(building))
    # then
    unit = Unit.objects.get(building=building, code="501")
    assert response.status_code == 302 and response.url == reverse("leasing:unit-detail", args=[unit.pk])
    assert unit.floor.number == 5 and unit.floor.building == building
    assert (unit.gross_area, unit.usable_area, unit.guide_rent) == (
        Decimal("150.00"),
        Decimal("120.00"),
        Decimal("7.20"),
    )
    assert "单元 501 已创建。" in client.get(response.url).content.decode()


def test_unit_create_uses_the_existing_floor(client, business_manager):
    # given
    floor = FloorFactory(number=5)
    client.force_login(business_manager)
    # when
    client.post(reverse("leasing:unit-create"), _form_data(floor.building))
    # then
    assert Floor.objects.filter(building=floor.building).count() == 1
    assert Unit.objects.get(code="501").floor == floor


def test_unit_create_prefills_the_building_from_the_building_page(client, business_manager):
    # given
    building = BuildingFactory()
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:unit-create"), {"building": building.pk})
    # then
    assert response.context["form"]["building"].value() == str(building.pk)


def test_unit_create_refuses_a_code_the_building_already_has_at_the_code_field(client, business_manager):
    # given
    existing = UnitFactory(code="501")
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:unit-create"), _form_data(existing.building, notes="第二个"))
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["该楼宇已有相同编号的单元。"]
    assert Unit.objects.count() == 1
    page = response.content.decode()
    assert "该楼宇已有相同编号的单元。" in page and "第二个" in page and 'value="150.00"' in page


def test_the_same_code_in_another_building_is_fine(client, business_manager):
    # given
    UnitFactory(code="501")
    other = BuildingFactory()
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:unit-create"), _form_data(other))
    # then
    assert response.status_code == 302
    assert Unit.objects.filter(code="501").count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"gross_area": "0"}, "gross_area", "面积必须大于零。"),
        ({"gross_area": "-10"}, "gross_area", "面积必须大于零。"),
        ({"usable_area": "0"}, "usable_area", "面积必须大于零。"),
        ({"usable_area": "-1.5"}, "usable_area", "面积必须大于零。"),
        ({"usable_area": "150.01"}, "usable_area", "使用面积不能大于建筑面积。"),
        ({"guide_rent": "-0.01"}, "guide_rent", "指导租金不能为负数。"),
        ({"floor_number": "0"}, "floor_number", "没有 0 层：首层请填 1，地下一层请填 -1。"),
    ],
)
def test_unit_create_refuses_bad_values_at_the_field_and_keeps_the_input(
    client, business_manager, overrides, field, message
):
    # given
    building = BuildingFactory()
    client.force_login(business_manager)
    data = _form_data(building, **overrides)
    # when
    response = client.post(reverse("leasing:unit-create"), data)
    # then
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Unit.objects.exists() and not Floor.objects.exists()
    page = response.content.decode()
    assert message in page
    assert f'value="{data[field]}"' in page and "朝南，采光好" in page


def test_unit_create_shows_the_messages_in_english_too(client, business_manager):
    # given
    building = BuildingFactory()
    client.force_login(business_manager)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    # when
    response = client.post(reverse("leasing:unit-create"), _form_data(building, usable_area="200"))
    # then
    assert response.context["form"].errors["usable_area"] == [
        "The usable area cannot be larger than the gross area."
    ]


def test_unit_edit_saves_and_records_who_changed_what(client, engineer):
    # given
    unit = UnitFactory(
        code="801", status=Unit.Status.VACANT, gross_area=Decimal("100"), usable_area=Decimal("80")
    )
    client.force_login(engineer)
    data = _form_data(
        unit.building,
        code="801",
        floor_number=str(unit.floor.number),
        gross_area="100.00",
        usable_area="80.00",
        status=Unit.Status.UNAVAILABLE,
    )
    # when
    response = client.post(reverse("leasing:unit-edit", args=[unit.pk]), data)
    # then
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.status == Unit.Status.UNAVAILABLE
    latest = object_history(unit)[0]
    assert latest.user == engineer
    assert ("状态", "空置", "不可租") in [(str(f), str(o), str(n)) for f, o, n in latest.changes]


def test_the_unit_form_offers_only_vacant_or_unavailable_and_no_status_for_a_let_unit(client, engineer):
    # given: a vacant unit, and one a running lease holds
    free = UnitFactory(code="802", status=Unit.Status.VACANT)
    let = lease_in(Lease.Status.ACTIVE).units.get()
    client.force_login(engineer)
    # when
    free_form = client.get(reverse("leasing:unit-edit", args=[free.pk])).context["form"]
    let_form = client.get(reverse("leasing:unit-edit", args=[let.pk])).context["form"]
    posted = client.post(
        reverse("leasing:unit-edit", args=[free.pk]),
        _form_data(
            free.building, code="802", floor_number=str(free.floor.number), status=Unit.Status.OCCUPIED
        ),
    )
    # then
    assert [value for value, _label in free_form.fields["status"].choices] == ["vacant", "unavailable"]
    assert let_form.fields["status"].disabled and Unit.objects.get(pk=let.pk).status == Unit.Status.OCCUPIED
    assert posted.status_code == 200 and "status" in posted.context["form"].errors
    assert Unit.objects.get(pk=free.pk).status == Unit.Status.VACANT


def test_unit_edit_shows_the_history_with_the_acting_user(client, front_desk):
    # given
    unit = UnitFactory(notes="")
    client.force_login(front_desk)
    data = _form_data(
        unit.building,
        code=unit.code,
        floor_number=str(unit.floor.number),
        gross_area="120.00",
        usable_area="96.00",
        notes="门禁卡已更换",
    )
    # when
    client.post(reverse("leasing:unit-edit", args=[unit.pk]), data)
    page = client.get(reverse("leasing:unit-detail", args=[unit.pk])).content.decode()
    # then
    assert 'data-testid="history"' in page
    assert "frontdesk" in page and "门禁卡已更换" in page


def test_unit_edit_refuses_the_code_of_another_unit_and_changes_nothing(client, front_desk):
    # given
    building = BuildingFactory()
    UnitFactory(floor=FloorFactory(building=building), code="101")
    unit = UnitFactory(floor=FloorFactory(building=building), code="102", notes="原备注")
    client.force_login(front_desk)
    data = _form_data(
        building, code="101", floor_number="1", gross_area="120.00", usable_area="96.00", notes="新备注"
    )
    # when
    response = client.post(reverse("leasing:unit-edit", args=[unit.pk]), data)
    # then
    assert response.context["form"].errors["code"] == ["该楼宇已有相同编号的单元。"]
    unit.refresh_from_db()
    assert (unit.code, unit.notes) == ("102", "原备注")
    assert "新备注" in response.content.decode()
    assert len(object_history(unit)) == 1


def test_unit_edit_keeps_its_own_code(client, front_desk):
    # given
    unit = UnitFactory(code="102")
    client.force_login(front_desk)
    data = _form_data(unit.building, code="102", floor_number="1", gross_area="120.00", usable_area="96.00")
    # when
    response = client.post(reverse("leasing:unit-edit", args=[unit.pk]), data)
    # then
    assert response.status_code == 302


def test_a_refused_role_cannot_post_an_edit(client, legal_manager):
    # given
    unit = UnitFactory(notes="")
    client.force_login(legal_manager)
    data = _form_data(
        unit.building, code=unit.code, floor_number="1", gross_area="120.00", usable_area="96.00"
    )
    # when
    response = client.post(reverse("leasing:unit-edit", args=[unit.pk]), data)
    # then
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.notes == ""


def test_unit_detail_shows_the_fields(client, security_guard):
    # given
    unit = UnitFactory(
        code="1203",
        gross_area=Decimal("200.00"),
        usable_area=Decimal("160.00"),
        guide_rent=Decimal("8.15"),
        status=Unit.Status.RESERVED,
        notes="保留至月底",
    )
    client.force_login(security_guard)
    # when
    response = client.get(reverse("leasing:unit-detail", args=[unit.pk]))
    # then
    page = response.content.decode()
    for text in ("1203", "200.00", "160.00", "8.15", "¥1,630.00", "已预订", "保留至月底", unit.building.name):
        assert text in page
    assert reverse("leasing:unit-edit", args=[unit.pk]) not in page  # security may not edit
