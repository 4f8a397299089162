"""Files as users have them, and files that are not what they should be: a clear message, nothing written."""

import io
from decimal import Decimal

import pytest

from documents.errors import DomainError
from documents.imports import reading
from documents.imports.engine import ImportRefused, import_run
from documents.imports.kinds import import_kinds
from documents.imports.workbook import template_xlsx
from documents.models import ImportBatch
from leasing.models import Unit

from .conftest import as_csv, as_xlsx
from .space_files import UNIT_HEADER, UNITS

pytestmark = pytest.mark.django_db


def _message(result) -> str:
    return " ".join(e["message"] for e in result.batch.errors)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0old excel", ".xls"),
        (b"PK\x03\x04broken zip", "not a spreadsheet"),
        (as_csv([UNIT_HEADER]), "no rows"),
        (as_csv([["楼宇编号", "面积", "颜色"], ["A", "1", "red"]]), "unknown columns: 面积、颜色"),
        (as_csv([["楼宇编号", "单元编号"], ["A", "A-1"]]), "missing columns"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_in_words(business_manager, data, words):
    # when
    result = import_run("units", data, by=business_manager, commit=False)
    # then
    assert words in _message(result)
    assert result.batch.errors[0]["line"] is None
    with pytest.raises(ImportRefused):
        import_run("units", data, by=business_manager, commit=True)
    assert not Unit.objects.exists()


def test_mixed_encodings_are_refused(business_manager):
    data = as_csv(UNITS[:2], "utf-8") + as_csv(UNITS[2:], "gbk")
    result = import_run("units", data, by=business_manager, commit=False)
    assert "mixes two text encodings" in _message(result)


def test_a_formula_is_refused_not_evaluated(business_manager):
    rows = [row[:] for row in UNITS]
    rows[1][4] = "=100+86.5"
    result = import_run("units", as_xlsx(rows), by=business_manager, commit=False)
    assert "E2 holds a formula" in _message(result)
    result = import_run("units", as_csv(rows), by=business_manager, commit=False)
    assert "formula" in _message(result)
    assert not Unit.objects.exists()


def test_more_rows_than_the_limit_are_refused_without_reading_them_all(business_manager, monkeypatch):
    seen = []
    real = reading._csv_rows

    def counting(text):
        for row in real(text):
            seen.append(row.line)
            yield row

    monkeypatch.setattr(reading, "_csv_rows", counting)
    body = "\r\n".join(f"A,Tower,3,A-{n},100,90,office,5" for n in range(100_000))
    data = (",".join(UNIT_HEADER) + "\r\n" + body).encode()
    result = import_run("units", data, by=business_manager, commit=False)
    assert "more than 20,000 rows" in _message(result)
    assert len(seen) == reading.MAX_ROWS + 2  # the header, the rows allowed, the one too many
    assert not Unit.objects.exists()


def test_a_large_xlsx_is_streamed_and_refused_at_the_limit(business_manager, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    monkeypatch.setattr("documents.imports.engine.MAX_ROWS", 50)
    rows = [UNIT_HEADER] + [["A", "T", "3", f"A-{n}", "100", "90", "", ""] for n in range(60)]
    result = import_run("units", as_xlsx(rows), by=business_manager, commit=False)
    assert "more than 50 rows" in _message(result)


def test_english_headers_and_codes_are_read_as_well(business_manager):
    rows = [["building_code", "Building name", "FLOOR", "unit code", "Gross area (m²)", "usable_area"]]
    rows.append(["T2", "Tower 2", "3F", "T2-301", "80", "70"])
    result = import_run("units", as_csv(rows), by=business_manager, commit=True)
    assert result.batch.created == 1
    assert Unit.objects.get().floor.number == 3


def test_each_import_is_kept_with_its_file_and_who_ran_it(business_manager, settings):
    data = as_csv(UNITS)
    import_run("units", data, by=business_manager, commit=True, file_name="units.csv")
    batch = ImportBatch.objects.get()
    assert (batch.file_name, batch.run_by, batch.status, batch.created) == (
        "units.csv",
        business_manager,
        "committed",
        3,
    )
    assert (settings.DOCUMENT_ROOT / batch.file_path).read_bytes() == data


def test_a_role_not_named_by_the_kind_is_refused_by_the_service(engineer, finance_manager):
    with pytest.raises(DomainError):
        import_run("units", as_csv(UNITS), by=engineer, commit=False)
    with pytest.raises(DomainError):
        import_run("leases", as_csv(UNITS), by=finance_manager, commit=True)
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("kind", [k.key for k in import_kinds()])
def test_every_template_has_bilingual_headers_an_example_and_the_allowed_values(kind):
    from openpyxl import load_workbook

    import_kind = next(k for k in import_kinds() if k.key == kind)
    workbook = load_workbook(io.BytesIO(template_xlsx(import_kind)))
    data, rules = workbook.worksheets
    headers = [cell.value for cell in data[1]]
    assert headers == [f"{c.zh} ({c.en})" for c in import_kind.columns]
    assert any(cell.value for cell in data[2])
    assert rules.max_row == len(import_kind.columns) + 1


def test_the_template_as_downloaded_imports_its_example_row(business_manager):
    from documents.imports.kinds import import_kind

    result = import_run("units", template_xlsx(import_kind("units")), by=business_manager, commit=True)
    assert result.batch.created == 1
    assert Unit.objects.get().code == "A-1201"


READINGS = [
    ["楼宇编号", "单元编号", "表计类型", "表号", "读数", "抄表日期"],
    ["A", "A-1201", "电表", "DB-1201", "12345.60", "2026-11-30"],
    ["A", "A-1202", "水表", "SB-1202", "88", "2026/11/30"],
]


def test_last_meter_readings_create_meters_and_confirmed_readings(business_manager, engineer):
    from handover.models import Meter, MeterReading

    import_run("units", as_csv(UNITS), by=business_manager, commit=True)
    # when
    result = import_run("meter-readings", as_csv(READINGS, "gbk"), by=engineer, commit=True)
    # then
    assert result.batch.created == 2
    reading = MeterReading.objects.get(meter__number="DB-1201")
    assert (reading.reading, reading.meter.kind, reading.confirmed_at is not None) == (
        Decimal("12345.60"), "electricity", True)  # fmt: skip
    # a re-import changes nothing; a corrected file corrects the reading
    assert import_run("meter-readings", as_xlsx(READINGS), by=engineer, commit=True).batch.unchanged == 2
    corrected = [row[:] for row in READINGS]
    corrected[2][4] = "89.5"
    assert import_run("meter-readings", as_csv(corrected), by=engineer, commit=True).batch.updated == 1
    assert MeterReading.objects.get(meter__number="SB-1202").reading == Decimal("89.50")
    assert Meter.objects.count() == 2
    # every kind of error, nothing written
    bad = [
        READINGS[0],
        ["A", "A-9", "电表", "X-1", "1", "2026-11-30"],
        ["A", "A-1201", "暖气", "X-2", "-1", "明天"],
        ["A", "A-1202", "电表", "DB-1201", "1", "2026-11-30"],
    ]
    result = import_run("meter-readings", as_csv(bad), by=engineer, commit=False)
    assert {(e["line"], e["column"]) for e in result.batch.errors} == {
        (2, "Unit code"), (3, "Meter kind"), (3, "Reading"), (3, "Read on"), (4, "Meter number")}  # fmt: skip
    assert Meter.objects.count() == 2
    with pytest.raises(DomainError):
        import_run("meter-readings", as_csv(READINGS), by=business_manager, commit=False)
