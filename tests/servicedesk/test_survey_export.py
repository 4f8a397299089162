"""A survey's results download as CSV and XLSX: every average of the page, per building and for all, with
the previous survey's, and every written answer."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from servicedesk.services.surveys import survey_answer
from tests.servicedesk.test_surveys import _open

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _today(monkeypatch, client, settings):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_results_download_with_each_average_and_written_answer(
    client, general_manager, leased_unit, tenant_user
):
    # given: two surveys, the second answered with 4, 3 and a suggestion
    before = _open(general_manager, [leased_unit.building], number=1, opens_on=TODAY - timedelta(days=1))
    q1, q2, _text = before.questions.all()
    survey_answer(survey=before, by=tenant_user, answers={q1.pk: "2", q2.pk: "3"})
    now = _open(general_manager, [leased_unit.building], number=2)
    n1, n2, text = now.questions.all()
    survey_answer(survey=now, by=tenant_user, answers={n1.pk: "4", n2.pk: "3", text.pk: "多放绿植"})
    client.force_login(general_manager)
    url = reverse("servicedesk:survey-detail", args=[now.pk])
    # when
    response = client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    # then: cleaning in the building and in all, with the change; the written answer
    assert response["Content-Disposition"] == f'attachment; filename="survey-{now.pk}-results.csv"'
    assert rows[0][:6] == ["Question", "Building", "Answers", "Average", "Previous survey", "Change"]
    building = f"{leased_unit.building.code} {leased_unit.building.name}"
    assert rows[1][:6] == ["保洁", building, "1", "4.0", "2.0", "2.0"]
    assert rows[2][:2] == ["保洁", "All buildings"]
    assert rows[-1] == ["建议", leased_unit.building.code, "", "", "", "", "多放绿植"]
    assert Decimal(str(sheet.cell(row=2, column=4).value)) == Decimal("4.0")
    assert 'data-testid="export-csv"' in client.get(url).content.decode()
