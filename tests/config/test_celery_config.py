"""Celery settings that keep tasks from being lost or run twice: late acks, requeue on worker loss, Redis."""

import re
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import redis
from celery.schedules import crontab
from django.conf import settings as django_settings

from config.beat import LockedScheduler, beat_lock
from config.celery import app


def _longest_time_limit() -> int:
    app.loader.import_default_modules()  # registers every app's tasks, as a worker does
    limits = [app.conf.task_time_limit, *(task.time_limit for task in app.tasks.values() if task.time_limit)]
    return max(limits)


def test_tasks_are_acknowledged_after_they_ran_and_requeued_when_a_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_every_task_has_a_time_limit_shorter_than_the_visibility_timeout():
    # given: a task not acknowledged within the visibility timeout is delivered again
    visibility_timeout = app.conf.broker_transport_options["visibility_timeout"]
    # then
    assert app.conf.task_time_limit, "tasks need a hard time limit"
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert visibility_timeout > _longest_time_limit()


def test_the_broker_and_the_result_backend_are_redis():
    assert app.conf.broker_url.startswith(("redis://", "rediss://"))
    assert app.conf.result_backend.startswith(("redis://", "rediss://"))
    with app.connection_for_write() as connection:
        assert connection.transport_cls == "redis"


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    unknown = [entry["task"] for entry in app.conf.beat_schedule.values() if entry["task"] not in app.tasks]
    assert unknown == []


# --- the clocks ---------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
CLOCK_ROW = re.compile(r"^\| (?P<when>[^|]+?) \| `(?P<entry>[a-z-]+)` \|")


def _documented_clocks() -> dict[str, str]:
    """The README's "Clocks" table: beat entry -> when it runs ("00:45 daily", ":20 hourly", ...)."""
    section = ROOT.joinpath("README.md").read_text().split("\n## Clocks\n", 1)[1].split("\n## ", 1)[0]
    return {m["entry"]: m["when"] for line in section.splitlines() if (m := CLOCK_ROW.match(line))}


def test_the_readme_documents_every_clock_and_no_other():
    assert sorted(_documented_clocks()) == sorted(app.conf.beat_schedule)


def test_every_daily_clock_is_a_crontab_at_its_documented_local_time():
    # given
    daily = {entry: when for entry, when in _documented_clocks().items() if when.endswith(" daily")}
    assert len(daily) >= 8  # the pattern still finds them
    # then: a crontab in the business time zone, not an interval counted from beat's start
    assert app.conf.timezone == "Asia/Shanghai"
    for entry, when in daily.items():
        schedule = app.conf.beat_schedule[entry]["schedule"]
        hour, minute = (int(part) for part in when.removesuffix(" daily").split(":"))
        assert isinstance(schedule, crontab), entry
        assert (schedule.hour, schedule.minute) == ({hour}, {minute}), entry
        assert schedule.day_of_week == set(range(7)) and schedule.day_of_month == set(range(1, 32)), entry


def test_the_hourly_sweep_is_a_crontab_and_the_sla_clock_an_interval_of_minutes():
    clocks = _documented_clocks()
    notices = app.conf.beat_schedule["documents-notices-unsent"]["schedule"]
    assert clocks["documents-notices-unsent"] == ":20 hourly"
    assert isinstance(notices, crontab) and notices.minute == {20} and notices.hour == set(range(24))
    # SLA clocks run in working minutes: a frequent interval is what they mean
    assert clocks["servicedesk-sla-escalations"] == "every 5 minutes"
    assert app.conf.beat_schedule["servicedesk-sla-escalations"]["schedule"] == 5 * 60


def test_a_daily_clock_fires_at_its_local_time_whenever_beat_started():
    # given: beat last ran the billing clock yesterday at 00:45 Shanghai time, and it is 00:44 now
    schedule = app.conf.beat_schedule["billing-daily"]["schedule"]
    bound = crontab(hour=schedule.hour, minute=schedule.minute, app=app)
    shanghai = ZoneInfo("Asia/Shanghai")
    last_run = datetime(2031, 3, 1, 0, 45, tzinfo=shanghai)
    bound.nowfun = lambda: datetime(2031, 3, 2, 0, 44, tzinfo=shanghai)
    # when
    due, next_in = bound.is_due(last_run)
    # then: due in one minute, at 00:45 local (16:45 UTC the day before)
    assert not due and round(next_in) == 60


# --- one beat: the lock -------------------------------------------------------------------------------


@pytest.fixture
def lock_key(settings):
    """A beat lock of the test's own in the real Redis (so a developer's running beat is not disturbed)."""
    settings.CELERY_BEAT_LOCK_KEY = f"test-beat-lock-{uuid.uuid4().hex}"
    yield settings.CELERY_BEAT_LOCK_KEY
    redis.Redis.from_url(app.conf.broker_url).delete(settings.CELERY_BEAT_LOCK_KEY)


def _scheduler(tmp_path: Path, name: str) -> LockedScheduler:
    return LockedScheduler(app=app, schedule_filename=str(tmp_path / name))


def test_beat_runs_with_its_scheduler_under_a_lock_refreshed_more_often_than_it_expires():
    assert app.conf.beat_scheduler == "config.beat:LockedScheduler"
    assert app.conf.beat_max_loop_interval * 2 < django_settings.CELERY_BEAT_LOCK_TIMEOUT


def test_a_second_beat_cannot_take_the_lock_while_the_first_holds_it(lock_key, tmp_path):
    # given: the first beat set up its schedule, so it holds the lock
    first = _scheduler(tmp_path, "first")
    # when / then: another beat's attempt fails as long as the first runs
    assert not beat_lock().acquire(blocking=False)
    first.tick()
    assert not beat_lock().acquire(blocking=False)
    # when the first stops, the lock is free again
    first.close()
    second = beat_lock()
    assert second.acquire(blocking=False)
    second.release()


def test_each_tick_refreshes_the_lock(lock_key, tmp_path):
    # given: the lock is about to expire
    first = _scheduler(tmp_path, "first")
    client = redis.Redis.from_url(app.conf.broker_url)
    client.pexpire(lock_key, 2000)
    # when
    first.tick()
    # then: back to the full timeout
    assert client.pttl(lock_key) > 2000
    assert client.pttl(lock_key) <= django_settings.CELERY_BEAT_LOCK_TIMEOUT * 1000
    first.close()


def test_a_beat_that_lost_its_lock_to_another_stops_instead_of_firing(lock_key, tmp_path):
    # given: the first beat stalled past the timeout, and another beat took the lock
    first = _scheduler(tmp_path, "first")
    client = redis.Redis.from_url(app.conf.broker_url)
    client.delete(lock_key)
    other = beat_lock()
    assert other.acquire(blocking=False)
    # when / then
    with pytest.raises(SystemExit):
        first.tick()
    assert client.get(lock_key) is not None  # the other's lock is left alone
    first.close()
    other.release()
