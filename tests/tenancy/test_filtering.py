"""List filters: yes/no without an "Unknown" choice, dates with the browser's date picker."""

from datetime import date

import pytest
from django.utils import translation

from billing.filters import BillFilter
from billing.models import Bill
from fitout.filters import ApplicationFilter
from fitout.models import Application


@pytest.mark.parametrize("filterset", [BillFilter, ApplicationFilter])
def test_yes_no_filters_offer_either_yes_or_no_and_dates_a_picker(db, filterset):
    # given
    with translation.override("en"):
        # when
        html = str(filterset(queryset=filterset._meta.model.objects.none()).form)
    # then
    assert "Unknown" not in html and ">Either<" in html
    assert 'type="date"' in html


def test_a_yes_no_filter_still_filters_and_a_picked_date_is_read_back(db):
    # given
    data = {"open": "true", "due_after": "2026-12-01"}
    # when
    bill_filter = BillFilter(data, queryset=Bill.objects.all())
    # then
    assert bill_filter.is_valid()
    assert bill_filter.form.cleaned_data["open"] is True
    assert bill_filter.form.cleaned_data["due_after"] == date(2026, 12, 1)
    assert 'value="2026-12-01"' in str(bill_filter.form["due_after"])


def test_the_chinese_page_says_either_in_chinese():
    with translation.override("zh-hans"):
        html = str(ApplicationFilter(queryset=Application.objects.none()).form)
    assert "不限" in html and "未知" not in html
