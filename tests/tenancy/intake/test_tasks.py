"""The daily task runs on a real worker against Redis; run twice, it changes nothing the second time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tenancy import tasks
from tenancy.models import Application, ApplicationEvent
from tests.factories import TenantFactory
from tests.test_celery_worker import worker_queue  # noqa: F401 (the fixture)

from .factories import ApplicationFactory


def _approved_past_deadline() -> Application:
    return ApplicationFactory(
        tenant=TenantFactory(),
        status=Application.Status.APPROVED,
        signing_deadline=timezone.localdate() - timedelta(days=1),
    )


@pytest.mark.django_db
def test_tenancy_daily_lapses_once(settings, tmp_path):
    # given
    application = _approved_past_deadline()
    # when
    first = tasks.tenancy_daily()
    second = tasks.tenancy_daily()
    # then
    assert (first["lapsed"], second["lapsed"]) == (1, 0)
    assert application.events.filter(kind=ApplicationEvent.Kind.LAPSED).count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_daily_task_runs_on_a_real_worker(worker_queue):  # noqa: F811
    # given: committed data the worker can see
    application = _approved_past_deadline()
    # when
    result = tasks.tenancy_daily.apply_async(queue=worker_queue).get(timeout=60)
    # then
    assert result["lapsed"] == 1
    application.refresh_from_db()
    assert application.status == Application.Status.LAPSED
