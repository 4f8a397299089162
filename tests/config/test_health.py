"""`/healthz` answers 200 "ok" when PostgreSQL and Redis answer, 503 naming what is down otherwise."""

from unittest import mock

import pytest
from django.db import OperationalError

from config import health

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_the_database_and_redis_answer(client):
    # when
    response = client.get("/healthz")
    # then
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_needs_no_login_and_no_https_redirect(client, settings):
    # given: production HTTPS settings
    settings.SECURE_SSL_REDIRECT = True
    # when: a container probe asks over plain HTTP, without a session
    response = client.get("/healthz")
    # then
    assert response.status_code == 200
    assert client.get("/dashboard/").status_code == 301  # every other page is still redirected


def test_healthz_is_503_when_redis_does_not_answer(client, settings):
    # given: nothing listens on port 1
    settings.REDIS_URL = settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    # when
    response = client.get("/healthz")
    # then
    assert response.status_code == 503
    assert response.content == b"unavailable: redis"


def test_healthz_is_503_when_the_database_does_not_answer(client):
    # given
    with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("connection refused")):
        # when
        response = client.get("/healthz")
    # then
    assert response.status_code == 503
    assert response.content == b"unavailable: database"


def test_healthz_refuses_writes(client):
    # when
    response = client.post("/healthz")
    # then
    assert response.status_code == 405
