"""Working time on Chinese working days: the issue's holiday examples and properties that always hold."""

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicedesk.sla import (
    OfficeCalendar,
    add_working_time,
    calendar_from_settings,
    working_time_between,
)
from tenancy.workdays import is_working_day as chinese_workday

# The working days come from the calendar table (seeded by a migration for the years chinesecalendar knows).
pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = OfficeCalendar(opens=time(9), closes=time(18), tz=SHANGHAI)
ONE_WORKING_DAY = CALENDAR.working_days(1)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_a_complaint_at_17_00_before_national_day_is_due_on_the_first_working_day_after_it():
    # given: 30 Sep 2025 is the last working day before the holiday of 1–8 Oct 2025
    received = at(2025, 9, 30, 17, 0)
    # when
    due = add_working_time(received, ONE_WORKING_DAY, CALENDAR)
    # then: one office hour on 30 Sep, eight on 9 Oct
    assert due == at(2025, 10, 9, 17, 0)
    assert all(not chinese_workday(date(2025, 10, d)) for d in range(1, 9))


def test_the_swapped_working_sunday_before_national_day_counts():
    # given: Friday 26 Sep 2025 at 17:00; Saturday 27 Sep is off, Sunday 28 Sep is worked
    received = at(2025, 9, 26, 17, 0)
    # when
    due = add_working_time(received, ONE_WORKING_DAY, CALENDAR)
    # then
    assert due == at(2025, 9, 28, 17, 0)


def test_the_swapped_working_saturday_after_national_day_counts():
    # given: Friday 10 Oct 2025 at 17:00; Saturday 11 Oct 2025 is a working day
    received = at(2025, 10, 10, 17, 0)
    # when
    due = add_working_time(received, ONE_WORKING_DAY, CALENDAR)
    # then
    assert due == at(2025, 10, 11, 17, 0)


def test_an_ordinary_weekend_does_not_count():
    # given: Friday 7 Mar 2025 at 17:00
    due = add_working_time(at(2025, 3, 7, 17, 0), timedelta(hours=2), CALENDAR)
    # then: one hour on Friday, one on Monday
    assert due == at(2025, 3, 10, 10, 0)


def test_time_received_outside_office_hours_starts_at_the_next_opening():
    assert add_working_time(at(2025, 3, 4, 20, 15), timedelta(hours=1), CALENDAR) == at(2025, 3, 5, 10, 0)
    assert add_working_time(at(2025, 3, 4, 7, 0), timedelta(minutes=30), CALENDAR) == at(2025, 3, 4, 9, 30)


def test_work_that_fills_the_day_is_due_at_closing_time_not_the_next_morning():
    assert add_working_time(at(2025, 3, 4, 9, 0), ONE_WORKING_DAY, CALENDAR) == at(2025, 3, 4, 18, 0)


def test_zero_duration_is_the_start_itself_and_negative_is_refused():
    start = at(2025, 10, 3, 12, 0)
    assert add_working_time(start, timedelta(0), CALENDAR) == start
    with pytest.raises(ValueError):
        add_working_time(start, timedelta(minutes=-1), CALENDAR)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        add_working_time(datetime(2025, 3, 4, 9, 0), timedelta(hours=1), CALENDAR)


def test_a_start_in_another_time_zone_is_counted_in_the_office_time_zone():
    # given: 09:00 UTC is 17:00 in Shanghai
    start = datetime(2025, 9, 30, 9, 0, tzinfo=ZoneInfo("UTC"))
    # when / then
    assert add_working_time(start, ONE_WORKING_DAY, CALENDAR) == at(2025, 10, 9, 17, 0)


def test_a_year_the_calendar_does_not_know_falls_back_to_monday_to_friday_with_a_warning(caplog):
    # given: the calendar table has no rows for 2099
    caplog.set_level(logging.WARNING, logger="tenancy.workdays")
    # when
    saturday, monday = chinese_workday(date(2099, 1, 3)), chinese_workday(date(2099, 1, 5))
    due = add_working_time(at(2099, 1, 2, 17, 0), ONE_WORKING_DAY, CALENDAR)
    # then: Friday 2 Jan 2099 + one working day skips the weekend, and the warning is logged once
    assert (saturday, monday) == (False, True)
    assert due == at(2099, 1, 5, 17, 0)
    warnings = [r for r in caplog.records if "2099" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING


def test_office_hours_come_from_the_settings(settings):
    # given
    settings.SERVICE_OFFICE_OPENS, settings.SERVICE_OFFICE_CLOSES = "08:30", "17:30"
    # when
    calendar = calendar_from_settings()
    # then
    assert (calendar.opens, calendar.closes, calendar.day_length) == (
        time(8, 30),
        time(17, 30),
        timedelta(hours=9),
    )
    assert add_working_time(at(2025, 3, 4, 17, 0), timedelta(hours=1), calendar) == at(2025, 3, 5, 9, 0)


def test_office_hours_must_open_before_they_close():
    with pytest.raises(ValueError):
        OfficeCalendar(opens=time(18), closes=time(9), tz=SHANGHAI)


def test_working_time_between_counts_only_office_hours_on_working_days():
    # 30 Sep 17:00 → 9 Oct 17:00 across National Day: one hour + eight hours
    assert working_time_between(at(2025, 9, 30, 17), at(2025, 10, 9, 17), CALENDAR) == timedelta(hours=9)
    assert working_time_between(at(2025, 10, 9, 17), at(2025, 9, 30, 17), CALENDAR) == timedelta(0)


# --- properties ---------------------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 10, 31), timezones=st.just(SHANGHAI)
).map(lambda d: d.replace(second=0, microsecond=0))
durations = st.integers(min_value=0, max_value=20 * 9 * 60).map(lambda minutes: timedelta(minutes=minutes))


@settings(max_examples=300, deadline=None)
@given(start=moments, duration=durations)
def test_the_due_time_is_never_before_the_start_and_holds_exactly_the_working_time(start, duration):
    due = add_working_time(start, duration, CALENDAR)
    assert due >= start
    assert working_time_between(start, due, CALENDAR) == duration


@settings(max_examples=300, deadline=None)
@given(start=moments, duration=durations.filter(bool))
def test_a_due_time_falls_within_office_hours_on_a_working_day(start, duration):
    due = add_working_time(start, duration, CALENDAR).astimezone(SHANGHAI)
    assert chinese_workday(due.date())
    assert time(9) < due.time() <= time(18)


@settings(max_examples=200, deadline=None)
@given(start=moments, first=durations, second=durations)
def test_adding_working_time_in_two_steps_is_the_same_as_in_one(start, first, second):
    in_steps = add_working_time(add_working_time(start, first, CALENDAR), second, CALENDAR)
    at_once = add_working_time(start, first + second, CALENDAR)
    assert in_steps == at_once


@settings(max_examples=200, deadline=None)
@given(start=moments, shorter=durations, longer=durations)
def test_more_working_time_is_never_due_earlier(start, shorter, longer):
    shorter, longer = sorted((shorter, longer))
    assert add_working_time(start, shorter, CALENDAR) <= add_working_time(start, longer, CALENDAR)
