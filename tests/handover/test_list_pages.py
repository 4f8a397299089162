"""Handover's lists never lose rows: the rectification items and the meter-reading rounds are paginated (no
cap), sorted by their columns, and exported whole (filters applied) to CSV and XLSX by the roles that may
see them."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from handover.models import AcceptanceItem, MeterRound, RectificationItem, Sheet, Visit
from handover.permissions import ROUND_VIEWERS, VISIT_VIEWERS
from tenancy.roles import ALL_STAFF
from tests.factories import UserFactory

ITEMS = 230


def _items(visit: Visit, count: int = ITEMS) -> list[RectificationItem]:
    """``count`` open items of the visit's acceptance sheet, due one day apart (item 0 due first)."""
    sheet, _ = Sheet.objects.get_or_create(visit=visit, kind=Sheet.Kind.ACCEPTANCE)
    defects = AcceptanceItem.objects.bulk_create(
        AcceptanceItem(
            sheet=sheet,
            item=AcceptanceItem.Item.WALLS,
            location=f"L-{n:03d}",
            condition=AcceptanceItem.Condition.DEFECT,
            note="墙面开裂",
            due_date=date(2026, 1, 1) + timedelta(days=n),
        )
        for n in range(count)
    )
    return RectificationItem.objects.bulk_create(
        RectificationItem(
            visit=visit, item=defect, description=f"墙面开裂 {defect.location}", due_date=defect.due_date
        )
        for defect in defects
    )


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_rectification_list_pages_past_200_items_and_reaches_the_last_one(client, engineer, visit):
    # given
    items = _items(visit)
    client.force_login(engineer)
    url = reverse("handover:rectification-list")
    # when
    first = client.get(url).content.decode()
    last = client.get(url, {"page": 5}).content.decode()
    # then: 50 a page, a pager on the first page, the 230th item on the fifth
    assert first.count("墙面开裂 L-") == 50 and "pagination" in first and "page=2" in first
    assert items[-1].description in last and items[0].description not in last


def test_the_rectification_list_sorts_by_a_column(client, engineer, visit):
    # given
    items = _items(visit, 3)
    client.force_login(engineer)
    # when
    page = client.get(reverse("handover:rectification-list"), {"sort": "-due_date"}).content.decode()
    # then: the latest due first
    assert page.index(items[2].description) < page.index(items[0].description)


def test_the_rectification_export_holds_every_filtered_item_with_dates_as_dates(client, engineer, visit):
    # given: 230 open items and one confirmed, which the default filter leaves out
    items = _items(visit)
    RectificationItem.objects.filter(pk=items[0].pk).update(
        status=RectificationItem.Status.CONFIRMED, fixed_at=timezone.now(), confirmed_at=timezone.now()
    )
    client.force_login(engineer)
    url = reverse("handover:rectification-list")
    # when
    as_csv = client.get(url, {"export": "csv"})
    as_xlsx = client.get(url, {"export": "xlsx", "sort": "due_date"})
    # then
    assert as_csv["Content-Disposition"] == 'attachment; filename="rectification-items.csv"'
    rows = _csv_rows(as_csv)
    assert len(rows) == 1 + ITEMS - 1 and rows[1][3] == str(items[1].due_date)
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 1 + ITEMS - 1
    assert sheet.cell(row=2, column=4).value.date() == items[1].due_date
    assert sheet.cell(row=2, column=4).is_date


@pytest.mark.parametrize("role", sorted(set(ALL_STAFF) - set(VISIT_VIEWERS)))
def test_roles_that_may_not_see_rectifications_may_not_export_them(client, visit, role):
    _items(visit, 1)
    client.force_login(UserFactory(roles=[role]))
    response = client.get(reverse("handover:rectification-list"), {"export": "csv"})
    assert response.status_code == 403


def test_the_round_list_exports_every_round_and_refuses_other_roles(client, engineer, visit):
    # given: 60 rounds of the visit's building
    MeterRound.objects.bulk_create(
        MeterRound(building=visit.unit.building, month=date(2020 + n // 12, n % 12 + 1, 1)) for n in range(60)
    )
    client.force_login(engineer)
    url = reverse("handover:round-list")
    # when
    page = client.get(url).content.decode()
    as_xlsx = client.get(url, {"export": "xlsx"})
    # then: a pager, and every round in the workbook, newest month first
    assert "pagination" in page
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 61 and sheet.cell(row=2, column=1).value.date() == date(2024, 12, 1)
    for role in sorted(set(ALL_STAFF) - set(ROUND_VIEWERS)):
        client.force_login(UserFactory(roles=[role]))
        assert client.get(url, {"export": "xlsx"}).status_code == 403
