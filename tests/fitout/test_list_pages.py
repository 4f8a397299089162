"""The fit-out list: no cap, sorted by its columns, exported whole with its filters applied, by the roles
that may see fit-outs only."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fitout.models import Application
from fitout.permissions import FITOUT_VIEWERS
from tenancy.roles import ALL_STAFF
from tests.factories import TenantFactory, UserFactory
from tests.fitout import factories as fitout


@pytest.fixture
def applications(db):
    return [fitout.applied(TenantFactory(name=name)) for name in ("A装修公司", "B装修公司")]


def test_the_fit_out_list_sorts_and_exports_the_filtered_rows(client, engineer, applications):
    Application.objects.filter(pk=applications[1].pk).update(status=Application.Status.WORKS)
    client.force_login(engineer)
    url = reverse("fitout:application-list")
    # when
    page = client.get(url, {"sort": "-tenant"}).content.decode()
    every = client.get(url, {"export": "csv"})
    works = client.get(url, {"export": "xlsx", "status": Application.Status.WORKS})
    # then
    assert page.index("B装修公司") < page.index("A装修公司")
    rows = list(csv.reader(io.StringIO(every.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    sheet = load_workbook(io.BytesIO(works.content)).active
    assert sheet.max_row == 2 and sheet.cell(row=2, column=2).value == "B装修公司"
    assert sheet.cell(row=2, column=5).is_date


@pytest.mark.parametrize("role", sorted(set(ALL_STAFF) - set(FITOUT_VIEWERS)))
def test_roles_that_may_not_see_fit_outs_may_not_export_them(client, applications, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("fitout:application-list"), {"export": "csv"}).status_code == 403
