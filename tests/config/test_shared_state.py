"""Nothing one machine needs is kept in another machine's process: sessions, the cache (throttles, progress
of background runs, the working-day calendar's generation), Celery's queue and results, beat's lock and the
document files live in PostgreSQL, Redis or the configured document storage, so web machines and workers
can be added side by side."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache

from tenancy import workdays
from tenancy.models import CalendarDay


def test_sessions_live_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_every_cache_is_redis():
    assert {alias: c["BACKEND"] for alias, c in settings.CACHES.items()} == {
        "default": "django.core.cache.backends.redis.RedisCache"
    }
    assert settings.CACHES["default"]["LOCATION"].startswith("redis")


def test_celery_queues_results_and_beats_lock_are_in_redis():
    assert settings.CELERY_BROKER_URL.startswith("redis")
    assert settings.CELERY_RESULT_BACKEND.startswith("redis")
    assert settings.CELERY_BEAT_SCHEDULER == "config.beat:LockedScheduler"


def _settings_with(**env: str) -> subprocess.CompletedProcess:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['documents']))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(  # noqa: S603 -- this Python, our own code
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )


def test_the_object_store_is_chosen_by_the_environment():
    # when: production's settings name an object store
    run = _settings_with(
        DOCUMENT_STORAGE="s3",
        DOCUMENT_S3_ENDPOINT_URL="http://seaweedfs:8333",
        DOCUMENT_S3_BUCKET="documents",
        DOCUMENT_S3_ACCESS_KEY_ID="key",
        DOCUMENT_S3_SECRET_ACCESS_KEY="secret",
    )
    # then: every machine started with them shares the bucket
    documents = json.loads(run.stdout.strip().splitlines()[-1])
    assert documents["BACKEND"] == "documents.storage.PrivateS3Storage"
    assert documents["OPTIONS"] | {"location": ""} == {
        "endpoint_url": "http://seaweedfs:8333",
        "bucket_name": "documents",
        "access_key": "key",
        "secret_key": "secret",
        "region_name": "us-east-1",
        "addressing_style": "path",
        "location": "",
    }


def test_an_unknown_document_storage_stops_start_up():
    run = _settings_with(DOCUMENT_STORAGE="ftp")
    assert run.returncode != 0
    assert "DOCUMENT_STORAGE='ftp': choose one of local, s3." in run.stderr


@pytest.mark.django_db
def test_a_calendar_edit_on_another_machine_is_seen_here(monkeypatch):
    # given: this process has read 2026's calendar (a Tuesday that is an ordinary working day)
    monkeypatch.setattr(workdays, "CHECK_SECONDS", 0)
    day = date(2026, 7, 14)
    assert workdays.is_working_day(day)
    # when: another machine makes it a holiday (its own process forgets; this one is told through Redis)
    CalendarDay.objects.create(date=day, year=day.year, kind=CalendarDay.Kind.HOLIDAY, name="台风停工")
    assert workdays.is_working_day(day), "kept in this process until the generation changes"
    cache.set(workdays.GENERATION_KEY, "a generation written by another process", timeout=None)
    # then
    assert not workdays.is_working_day(day)
