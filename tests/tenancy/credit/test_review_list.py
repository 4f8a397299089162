"""The open credit reviews: every one listed (no cap), sorted by a column, exported by the reviewers only."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tenancy.credit import services
from tenancy.roles import ALL_STAFF
from tests.factories import TenantFactory, UserFactory


@pytest.fixture
def reviews(db, business_manager):
    for name in ("A降级公司", "B降级公司"):
        tenant = TenantFactory(name=name)
        for score in (90, 50):
            services.credit_assess(
                tenant=tenant, by=business_manager, operations=score, finances=score, payments=score,
                reason="季度评估",
            )  # fmt: skip


def test_the_open_reviews_sort_by_tenant_and_export_whole(client, business_manager, reviews):
    client.force_login(business_manager)
    url = reverse("tenancy:credit-review-list")
    # when
    page = client.get(url, {"sort": "-tenant"}).content.decode()
    as_csv = client.get(url, {"export": "csv"})
    as_xlsx = client.get(url, {"export": "xlsx"})
    # then
    assert (
        page.index("B降级公司") < page.index("A降级公司") and page.count('data-testid="credit-review"') == 2
    )
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and len(rows[0]) == 4
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 3 and sheet.cell(row=2, column=4).is_date


@pytest.mark.parametrize("role", sorted(set(ALL_STAFF) - set(services.REVIEWERS)))
def test_roles_that_may_not_review_credit_may_not_export_the_reviews(client, reviews, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("tenancy:credit-review-list"), {"export": "xlsx"}).status_code == 403
