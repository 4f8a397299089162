"""The one working-day module: the calendar table (seeded from chinesecalendar), management's edits, the
warning for a missing year on the dashboard and on the pages whose clocks met it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from documents.errors import DomainError
from tenancy import workdays
from tenancy.calendar.seed import calendar_seed, package_years
from tenancy.calendar.services import calendar_day_add, calendar_day_delete, calendar_days_paste
from tenancy.models import CalendarDay
from tenancy.workdays import (
    add_working_days,
    calendar_missing,
    calendar_warning,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusals and notes are read in English here (pages are checked by their markers)."""
    with translation.override("en"):
        yield


SHANGHAI = ZoneInfo("Asia/Shanghai")
_real_localdate = timezone.localdate


def _today(monkeypatch, day: date) -> None:
    """``timezone.localdate()`` answers ``day``; with a value it converts as usual."""
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: _real_localdate(value, tz) if value else day
    )


SPRING_2027 = """
# 国务院办公厅 2027 (for the test)
2027-01-01 休 元旦
2027-02-06..2027-02-12 休 春节
2027-02-13 班 春节调休
"""


def test_the_migration_seeded_every_year_the_package_knows():
    # given / when: the test database was migrated
    seeded = set(CalendarDay.objects.values_list("year", flat=True).distinct())
    # then
    assert seeded == set(package_years())
    assert 2026 in seeded and 2027 not in seeded
    assert calendar_seed(CalendarDay) == 0  # a second seeding adds nothing


def test_the_seeded_calendar_knows_the_2026_spring_festival_and_its_swapped_saturday():
    # 2026: 15–23 Feb off; Saturdays 14 and 28 Feb worked (as chinesecalendar has it)
    assert not is_working_day(date(2026, 2, 16))
    assert is_working_day(date(2026, 2, 14)) and is_working_day(date(2026, 2, 28))
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2  # Sat 14 and Tue 24


def test_a_year_without_rows_counts_monday_to_friday_and_says_so():
    # given: nothing for 2027 yet
    # when
    counted = working_days_between(date(2027, 2, 5), date(2027, 2, 15))
    missing = calendar_missing(date(2026, 12, 30), date(2027, 2, 15))
    # then: the Spring Festival is not known, so its weekdays count
    assert counted == 6
    assert missing is not None and missing.years == (2027,)
    assert "2027" in missing.message and "Monday" in missing.message
    assert calendar_missing(date(2026, 1, 5), date(2026, 12, 31)) is None


def test_management_pastes_next_years_notice_and_every_clock_uses_it(general_manager):
    # when
    written = calendar_days_paste(year=2027, text=SPRING_2027, by=general_manager)
    # then
    assert written == 9
    assert not is_working_day(date(2027, 2, 8))
    assert is_working_day(date(2027, 2, 13))  # a Saturday worked
    assert working_days_between(date(2027, 2, 5), date(2027, 2, 15)) == 2  # Sat 13 and Mon 15
    assert add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 13)
    assert calendar_missing(date(2027, 2, 5)) is None


def test_a_bad_pasted_line_is_named_and_nothing_is_saved(general_manager):
    with pytest.raises(DomainError) as error:
        calendar_days_paste(
            year=2027, text="2027-01-01 休 元旦\n2027-02-10 班 not a weekend", by=general_manager
        )
    assert error.value.field == "text" and "2" in error.value.message
    assert not CalendarDay.objects.filter(year=2027).exists()
    with pytest.raises(DomainError, match="2027"):
        calendar_days_paste(year=2027, text="2028-01-01 休 元旦", by=general_manager)


def test_only_management_keeps_the_calendar(business_manager, general_manager):
    with pytest.raises(PermissionDenied):
        calendar_day_add(day=date(2027, 1, 1), kind="holiday", name="元旦", by=business_manager)
    row = calendar_day_add(day=date(2027, 1, 1), kind="holiday", name="元旦", by=general_manager)
    with pytest.raises(DomainError) as twice:
        calendar_day_add(day=date(2027, 1, 1), kind="holiday", by=general_manager)
    assert twice.value.field == "date"
    assert not is_working_day(date(2027, 1, 1))
    with pytest.raises(PermissionDenied):
        calendar_day_delete(row=row, by=business_manager)
    calendar_day_delete(row=row, by=general_manager)
    assert is_working_day(date(2027, 1, 1))  # a Friday again, and 2027 is missing once more
    assert not workdays.year_known(2027)


def test_the_dashboard_warns_management_from_november_when_next_year_is_missing(
    client, general_manager, monkeypatch
):
    # given
    client.force_login(general_manager)
    # when
    _today(monkeypatch, date(2026, 10, 31))
    october = client.get(reverse("dashboard")).content.decode()
    _today(monkeypatch, date(2026, 11, 1))
    november = client.get(reverse("dashboard")).content.decode()
    # then
    assert 'data-testid="calendar-warning"' not in october
    assert 'data-testid="calendar-warning"' in november and "2027" in november
    assert calendar_warning(date(2027, 1, 4)).count("2027") == 2  # the year itself missing
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday")
    workdays.cache_clear()
    assert calendar_warning(date(2026, 11, 1)) == ""


def test_the_dashboard_does_not_warn_other_roles(client, business_manager, monkeypatch):
    client.force_login(business_manager)
    _today(monkeypatch, date(2026, 12, 7))
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="calendar-warning"' not in page


def test_the_year_page_adds_pastes_and_removes_days(client, general_manager):
    # given
    client.force_login(general_manager)
    url = reverse("calendar:year", args=[2027])
    # when
    bad = client.post(url, {"action": "add", "date": "2027-02-10", "kind": "workday", "name": "x"})
    added = client.post(url, {"action": "add", "date": "2027-01-01", "kind": "holiday", "name": "元旦"})
    pasted = client.post(url, {"action": "paste", "text": SPRING_2027})
    page = client.get(url).content.decode()
    row = CalendarDay.objects.get(date=date(2027, 2, 13))
    removed = client.post(reverse("calendar:day-delete", args=[row.pk]))
    # then
    assert bad.status_code == 400 and "2027-02-10" in bad.content.decode()
    assert (added.status_code, pasted.status_code, removed.status_code) == (302, 302, 302)
    assert page.count('data-testid="calendar-day"') == 9
    assert CalendarDay.objects.filter(year=2027).count() == 8


def test_the_years_page_marks_next_year_missing(client, general_manager, monkeypatch):
    client.force_login(general_manager)
    _today(monkeypatch, date(2026, 12, 7))
    page = client.get(reverse("calendar:index")).content.decode()
    start = page.index('data-year="2027"')
    assert 'data-testid="year-missing"' in page[start : start + 400]


def test_the_review_queue_says_when_its_ages_met_a_missing_year(client, business_manager, monkeypatch):
    from tenancy.models import ReviewStep
    from tests.tenancy.intake.factories import in_review

    # given: a step opened on 30 Dec 2026
    in_review(business_manager)
    ReviewStep.objects.update(opened_at=datetime(2026, 12, 30, 10, tzinfo=SHANGHAI))
    client.force_login(business_manager)
    url = reverse("intake:queue", args=["business"])
    # when: looked at on 5 Jan 2027 (no 2027 calendar), and on 31 Dec 2026
    _today(monkeypatch, date(2027, 1, 5))
    later = client.get(url).content.decode()
    _today(monkeypatch, date(2026, 12, 31))
    now = client.get(url).content.decode()
    # then
    assert 'data-testid="calendar-missing"' in later and "2027" in later
    assert 'data-testid="calendar-missing"' not in now


def test_add_working_days_refuses_a_negative_count():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1)
    assert add_working_days(date(2026, 1, 5), 0) == date(2026, 1, 5)
    assert add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 9) + timedelta(days=3)


def test_the_seed_command_adds_only_years_the_table_lacks(general_manager):
    from io import StringIO

    from django.core.management import call_command

    # given: management changed 2026 by hand, and 2025 is gone
    CalendarDay.objects.filter(year=2025).delete()
    calendar_day_delete(row=CalendarDay.objects.filter(year=2026).first(), by=general_manager)
    kept_2026 = CalendarDay.objects.filter(year=2026).count()
    out = StringIO()
    # when
    call_command("calendar_seed", stdout=out)
    # then
    assert CalendarDay.objects.filter(year=2025).exists()
    assert CalendarDay.objects.filter(year=2026).count() == kept_2026
    assert out.getvalue().startswith(str(CalendarDay.objects.filter(year=2025).count()))
