"""The renewal cases list: sorted by its columns, paginated, exported whole with its filters applied, by the
renewal staff only."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from leasing.leases.permissions import RENEWAL_STAFF
from leasing.models import Lease, RenewalCase
from tenancy.roles import ALL_STAFF
from tests.factories import TenantFactory, UserFactory
from tests.leasing.lease_factories import lease_in


@pytest.fixture
def cases(db):
    """Three cases due a day apart; the last one answered (the default list shows open cases only)."""
    made = []
    for n, name in enumerate(("甲公司", "乙公司", "丙公司")):
        lease = lease_in(Lease.Status.ACTIVE, tenant=TenantFactory(name=name))
        made.append(
            RenewalCase.objects.create(
                lease=lease,
                term_end=lease.end_date,
                reminder_date=date(2027, 10, 31),
                due_date=lease.end_date - timedelta(days=30 - n),
            )
        )
    RenewalCase.objects.filter(pk=made[2].pk).update(intent=RenewalCase.Intent.RENEW)
    return made


def test_the_renewal_cases_sort_by_answer_due(client, business_manager, cases):
    client.force_login(business_manager)
    page = client.get(reverse("leasing:renewal-case-list"), {"sort": "-due_date"}).content.decode()
    assert page.index("乙公司") < page.index("甲公司") and "丙公司" not in page


def test_the_renewal_cases_export_with_the_filter_applied(client, business_manager, cases):
    client.force_login(business_manager)
    url = reverse("leasing:renewal-case-list")
    # when
    open_only = client.get(url, {"export": "csv"})
    every = client.get(url, {"export": "xlsx", "all": "1"})
    # then
    rows = list(csv.reader(io.StringIO(open_only.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and {row[1] for row in rows[1:]} == {"甲公司", "乙公司"}
    sheet = load_workbook(io.BytesIO(every.content)).active
    assert sheet.max_row == 4 and sheet.cell(row=2, column=5).is_date


@pytest.mark.parametrize("role", sorted(set(ALL_STAFF) - set(RENEWAL_STAFF)))
def test_roles_that_may_not_see_renewal_cases_may_not_export_them(client, cases, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("leasing:renewal-case-list"), {"export": "csv"}).status_code == 403
