"""Importing a building's units from CSV: all or nothing, each bad line reported, BOM and Chinese OK."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from leasing.imports import ImportRejected, choice_lookup, parse_units_csv, template_csv
from leasing.models import Floor, Unit
from leasing.services import units_import_csv
from tenancy.history import object_history
from tests.leasing.factories import BuildingFactory, UnitFactory

HEADER = "code,floor,gross_area,usable_area,use,status,guide_rent"
CATALOGUE = (
    Path(__file__).resolve().parents[2] / "leasing" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
)


def _csv(*lines: str, bom: bool = False) -> bytes:
    return (("\ufeff" if bom else "") + "\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8")


def _errors(data: bytes, existing: set[str] | None = None) -> list[tuple[int, str]]:
    with pytest.raises(ImportRejected) as rejected:
        parse_units_csv(data, existing_codes=existing or set())
    return [(e.line, e.message) for e in rejected.value.errors]


def test_units_import_csv_creates_the_units_and_missing_floors(business_manager):
    # given
    building = BuildingFactory()
    data = _csv(
        "301,3,120.50,98.00,office,vacant,6.50",
        "302,3,80,70,retail,vacant,",
        "B1-01,B1,45,40,storage,unavailable,2",
    )
    # when
    count = units_import_csv(building=building, data=data, by=business_manager)
    # then
    assert count == 3
    units = {u.code: u for u in building.units.select_related("floor")}
    assert units["301"].gross_area == Decimal("120.50") and units["301"].guide_rent == Decimal("6.50")
    assert units["302"].guide_rent == Decimal("0.00") and units["302"].status == Unit.Status.VACANT
    assert units["B1-01"].floor.number == -1 and units["B1-01"].status == Unit.Status.UNAVAILABLE
    assert sorted(Floor.objects.filter(building=building).values_list("number", flat=True)) == [-1, 3]
    assert object_history(units["301"])[0].user == business_manager


def test_a_csv_with_a_bom_and_chinese_labels_is_read(business_manager):
    # given: what Excel writes for "CSV UTF-8"
    building = BuildingFactory()
    data = _csv(
        "501,5,100,90,办公,空置,5",
        "502,5,100,90,商业,Vacant,5",
        "503,5,30,28,仓储,不可租,1",
        "504,5,30,28,Office,Unavailable,1",
        bom=True,
    )
    # when
    count = units_import_csv(building=building, data=data, by=business_manager)
    # then
    assert count == 4
    got = dict(building.units.values_list("code", "status"))
    assert got == {"501": "vacant", "502": "vacant", "503": "unavailable", "504": "unavailable"}
    assert dict(building.units.values_list("code", "use"))["503"] == "storage"


def test_an_imported_unit_is_never_let_reserved_or_under_fit_out(business_manager):
    # given: a file claiming units are let, reserved or under works, with no lease or permit behind it
    building = BuildingFactory()
    data = _csv("601,6,100,90,office,occupied,5", "602,6,100,90,office,已预订,5", "603,6,30,28,仓储,装修中,1")
    # when
    with pytest.raises(ImportRejected) as rejected:
        units_import_csv(building=building, data=data, by=business_manager)
    # then: occupancy follows the leases, so each line is refused and nothing is imported
    assert [(e.line, e.message) for e in rejected.value.errors] == [
        (2, "status：无法识别的值“occupied”（可用：vacant, unavailable）"),
        (3, "status：无法识别的值“已预订”（可用：vacant, unavailable）"),
        (4, "status：无法识别的值“装修中”（可用：vacant, unavailable）"),
    ]
    assert not building.units.exists()


def test_every_bad_line_is_reported_and_nothing_is_imported(business_manager):
    # given
    building = BuildingFactory()
    UnitFactory(building=building, code="900")
    data = _csv(
        "101,1,100,80,office,vacant,5",  # line 2: fine
        "102,1,abc,80,office,vacant,5",  # 3: bad number
        "103,1,-20,-30,office,vacant,5",  # 4: negative areas
        "104,1,100,80,garage,vacant,5",  # 5: unknown use
        "101,1,100,80,office,vacant,5",  # 6: duplicate of line 2
        "900,1,100,80,office,vacant,5",  # 7: already in the building
        ",1,100,80,office,vacant,5",  # 8: missing code
        "108,1,100,120,office,vacant,5",  # 9: usable > gross
        "109,0,100,80,office,sold,5",  # 10: floor 0, unknown status
    )
    # when
    with pytest.raises(ImportRejected) as rejected:
        units_import_csv(building=building, data=data, by=business_manager)
    # then
    lines = [(e.line, e.message) for e in rejected.value.errors]
    assert lines == [
        (3, "gross_area：“abc”不是数字"),
        (4, "gross_area：面积必须大于零。"),
        (4, "usable_area：面积必须大于零。"),
        (5, "use：无法识别的值“garage”（可用：office, retail, storage）"),
        (6, "code：“101”已在第 2 行出现"),
        (7, "code：该楼宇已有相同编号的单元。"),
        (8, "code：缺少数值"),
        (9, "usable_area：使用面积不能大于建筑面积。"),
        (10, "floor：没有 0 层：首层请填 1，地下一层请填 -1。"),
        (10, "status：无法识别的值“sold”（可用：vacant, unavailable）"),
    ]
    assert list(building.units.values_list("code", flat=True)) == ["900"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("101,1,100,80,office", "status：缺少数值"),
        ("101,1,100,80,office,vacant,5,extra", "数值个数多于表头的列数"),
        ("101,1,100.123,80,office,vacant,5", "gross_area：最多保留两位小数"),
        ("101,1,1e12,80,office,vacant,5", "gross_area：“1e12”数值过大"),
        ("101,1,NaN,80,office,vacant,5", "gross_area：“NaN”不是数字"),
        ("101,1,100,80,office,vacant,-1", "guide_rent：指导租金不能为负数。"),
        ("101,third,100,80,office,vacant,5", "floor：“third”不是有效楼层（请填写 3、-1 或 B1）"),
        ("101,400,100,80,office,vacant,5", "floor：楼层号必须在 -20 到 300 之间。"),
        ("X" * 21 + ",1,100,80,office,vacant,5", "code：超过 20 个字符"),
    ],
)
def test_each_kind_of_bad_value_is_named(db, line, message):
    assert _errors(_csv(line)) == [(2, message)]


def test_blank_lines_are_skipped_but_line_numbers_stay_true(db):
    # given
    data = _csv("", "101,1,100,80,office,vacant,5", ",,,,,,", "102,1,-1,80,office,vacant,5")
    # then
    assert _errors(data) == [(5, "gross_area：面积必须大于零。")]


@pytest.mark.parametrize("text", ["3", "3F", "3层", "-1", "B1", "b2"])
def test_floors_are_read_as_people_write_them(db, text):
    rows = parse_units_csv(_csv(f"101,{text},100,80,office,vacant,5"), existing_codes=set())
    assert rows[0].floor_number == {"3": 3, "3F": 3, "3层": 3, "-1": -1, "B1": -1, "b2": -2}[text]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空。"),
        (b"code,floor\r\n101,1\r\n", "第 1 行必须是表头"),
        (HEADER.encode() + b"\r\n", "文件表头下没有任何单元。"),
        (_csv("101,1,100,80,办公,空置,5").decode().encode("gbk"), "文件不是 UTF-8 文本"),
    ],
)
def test_a_file_that_is_not_a_units_csv_is_refused_with_a_reason(db, data, message):
    with pytest.raises(ImportRejected) as rejected:
        parse_units_csv(data, existing_codes=set())
    assert message in rejected.value.message


def test_the_header_may_be_in_any_order_and_case(db):
    data = "Status,CODE,floor,use,gross_area,usable_area,guide_rent\r\n空置,101,1,办公,100,80,5\r\n".encode()
    assert parse_units_csv(data, existing_codes=set())[0].code == "101"


def test_the_template_imports_as_it_is(business_manager):
    # given
    building = BuildingFactory()
    # when
    count = units_import_csv(building=building, data=template_csv().encode(), by=business_manager)
    # then
    assert count == 2


def test_every_chinese_label_of_the_catalogue_is_accepted(db):
    # given: the zh-Hans labels as translators wrote them in the catalogue
    catalogue = CATALOGUE.read_text(encoding="utf-8")
    for choices in (Unit.Use, Unit.Status):
        lookup = choice_lookup(choices)
        for value, label in choices.choices:
            with translation.override("en"):
                english = str(label)
            chinese = re.search(rf'msgid "{re.escape(english)}"\nmsgstr "(.+)"', catalogue).group(1)
            # then
            assert lookup[chinese] == value


def test_import_page_reports_each_bad_line(client, business_manager):
    # given
    building = BuildingFactory()
    upload = SimpleUploadedFile(
        "units.csv", _csv("101,1,100,80,office,vacant,5", "102,1,0,0,office,vacant,5")
    )
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:unit-import", args=[building.pk]), {"file": upload})
    # then
    assert response.status_code == 400
    page = response.content.decode()
    assert "未导入任何单元" in page and 'data-testid="import-report"' in page
    assert "<td>3</td><td>gross_area：面积必须大于零。</td>" in page
    assert not Unit.objects.exists()


def test_import_page_says_how_many_units_were_imported(client, general_manager):
    # given
    building = BuildingFactory(name="星光中心")
    upload = SimpleUploadedFile(
        "units.csv", _csv("101,1,100,80,办公,空置,5", "102,1,50,45,商业,空置,9", bom=True)
    )
    client.force_login(general_manager)
    # when
    response = client.post(reverse("leasing:unit-import", args=[building.pk]), {"file": upload}, follow=True)
    # then
    assert response.redirect_chain[-1][0] == reverse("leasing:building-detail", args=[building.pk])
    assert "已向 星光中心 导入 2 个单元。" in response.content.decode()
    assert building.units.count() == 2


def test_import_page_without_a_file_says_so(client, business_manager):
    # given
    building = BuildingFactory()
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:unit-import", args=[building.pk]), {})
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_template_download_is_a_utf8_csv_with_bom(client, business_manager):
    # given
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:unit-import-template"))
    # then
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith("\ufeff".encode()) and body.decode("utf-8-sig").startswith(HEADER + "\r\n")
