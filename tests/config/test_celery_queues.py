"""Every task goes to the queue of its group (config/celery.py); the Procfile's worker consumes them all,
docker-compose runs a worker per group and one beat; on real workers a long PDF batch queued first does not
delay a reminder."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.utils import timezone

from billing.models import Bill
from billing.services.bills import billing_run
from billing.tasks import bill_send
from config.celery import CLOCKS, DOCUMENTS, QUEUES, TASK_QUEUES, app, ping
from documents.tasks import expiry_reminders_send
from tenancy.document_kinds import BUSINESS_LICENCE
from tests.billing.factories import MARCH, active_lease
from tests.celery_workers import ROOT, celery_worker, private_prefix, private_routes
from tests.documents.factories import DocumentFactory


def _project_tasks() -> set[str]:
    app.loader.import_default_modules()  # registers every app's tasks, as a worker does
    return {name for name in app.tasks if not name.startswith("celery.")}


def test_every_task_of_the_project_has_an_explicit_route_to_a_named_queue():
    # then: no task falls through to the default queue, and the table names no task that is gone
    assert sorted(_project_tasks() - set(TASK_QUEUES)) == []
    assert sorted(set(TASK_QUEUES) - _project_tasks()) == []
    assert set(TASK_QUEUES.values()) == set(QUEUES) == {queue.name for queue in app.conf.task_queues}
    route = app.amqp.router.route
    for task, queue in TASK_QUEUES.items():
        assert route({}, task)["queue"].name == queue, task


def test_pdfs_mail_and_money_runs_are_kept_off_the_clocks_queue():
    assert TASK_QUEUES["billing.tasks.bill_send"] == DOCUMENTS
    assert TASK_QUEUES["documents.tasks.notice_email"] == "mail"
    assert TASK_QUEUES["billing.tasks.billing_clock"] == "billing"
    for entry in ("leasing-expiry-reminders", "documents-expiry-reminders", "servicedesk-sla-escalations"):
        assert TASK_QUEUES[app.conf.beat_schedule[entry]["task"]] == CLOCKS, entry


def test_the_procfile_worker_consumes_every_queue():
    worker = next(
        line
        for line in ROOT.joinpath("config", "Procfile").read_text().splitlines()
        if line.startswith("worker:")
    )
    assert set(re.search(r"-Q (\S+)", worker)[1].split(",")) == set(QUEUES)


def _compose_services() -> dict:
    return yaml.safe_load(ROOT.joinpath("docker-compose.yml").read_text())["services"]


def test_compose_runs_a_worker_per_queue_group_and_exactly_one_beat():
    # given
    services = _compose_services()
    workers = {
        name: service for name, service in services.items() if service.get("command", [""])[0] == "worker"
    }
    # then: each group has its own worker, consuming that group's queue alone
    consumed = [service["command"][1] for service in workers.values()]
    assert sorted(consumed) == sorted(QUEUES)
    for name, service in workers.items():
        assert name == f"worker-{service['command'][1]}"
        assert "healthcheck" in service and "migrate" in service["depends_on"]
        assert service["environment"]["DATABASE_URL"] == services["web"]["environment"]["DATABASE_URL"]
    (beat,) = (service for service in services.values() if service.get("command") == ["beat"])
    assert beat["deploy"]["replicas"] == 1


def test_the_image_worker_is_given_its_queues_as_the_second_argument():
    entrypoint = ROOT.joinpath("config", "docker", "entrypoint.sh").read_text()
    worker = entrypoint.split("worker)", 1)[1].split(";;", 1)[0]
    assert '${2:+--queues "$2"}' in worker


# --- real workers -------------------------------------------------------------------------------------

BATCH = 6


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_long_pdf_batch_queued_first_does_not_delay_a_reminder(tmp_path: Path):
    # given: bills to render, and a licence about to expire
    for _ in range(BATCH):
        active_lease()
    billing_run(month=MARCH, today=MARCH)
    bill_ids = list(Bill.objects.values_list("pk", flat=True))
    assert len(bill_ids) == BATCH
    DocumentFactory(kind=BUSINESS_LICENCE, expires_on=timezone.localdate() + timedelta(days=10))
    # and a worker for the documents queue and one for the clocks, on the test's own queues
    prefix = private_prefix()
    env = {"DOCUMENT_ROOT": str(tmp_path / "documents")}
    with (
        private_routes(prefix),
        celery_worker(prefix + DOCUMENTS, prefix=prefix, log=tmp_path / "documents.log", env=env),
        celery_worker(prefix + CLOCKS, prefix=prefix, log=tmp_path / "clocks.log", env=env),
    ):
        for queue in (DOCUMENTS, CLOCKS):  # both workers are up
            assert ping.apply_async(queue=prefix + queue).get(timeout=90)["status"] == "ok"
        # when: the PDF batch is queued first, the reminder after it (each by its route)
        batch = [bill_send.delay(bill_id) for bill_id in bill_ids]
        reminder = expiry_reminders_send.delay()
        # then: the reminder is done while the batch still runs
        assert reminder.get(timeout=60) == 1
        assert not all(result.ready() for result in batch)
        for result in batch:
            result.get(timeout=300)
    assert Bill.objects.filter(document__isnull=False).count() == BATCH
