"""The Celery application and the beat schedule (kept in code, one beat process per deployment)."""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# DjangoTask gives every task ``delay_on_commit``: work is queued once the asking transaction commits.
app = Celery("backoffice", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every task goes to the queue of its group, so that work of one kind never waits behind another's: a long
# PDF batch never delays a reminder, a mail server that hangs never holds the billing run. docker-compose.yml
# runs a worker per group; the worker of config/Procfile (``make run``) consumes them all. A test fails when a
# task of the project has no route here.
CLOCKS = "clocks"  # the clocks and reminders: short, on time
DOCUMENTS = "documents"  # rendering PDFs and the nightly work on stored files: long, CPU- and disk-heavy
MAIL = "mail"  # what leaves for another server (e-mail, webhooks), which may be slow or down
BILLING = "billing"  # the billing run and the money clocks: long transactions
QUEUES = (CLOCKS, DOCUMENTS, MAIL, BILLING)
TASK_QUEUES: dict[str, str] = {
    "leasing.tasks.lease_expiry_reminders_send": CLOCKS,
    "leasing.tasks.units_occupancy_repair": CLOCKS,
    "tenancy.tasks.tenancy_daily": CLOCKS,
    "tenancy.tasks.admission_deadlines_check": CLOCKS,
    "tenancy.tasks.credit_reassessments_due": CLOCKS,
    "servicedesk.tasks.sla_escalations_send": CLOCKS,
    "servicedesk.tasks.tickets_auto_close": CLOCKS,
    "fitout.tasks.overdue_sweep": CLOCKS,
    "documents.tasks.expiry_reminders_send": CLOCKS,
    "documents.tasks.notices_unsent_send": CLOCKS,  # the sweep only queues the e-mails
    "backoffice.ping": CLOCKS,
    "billing.tasks.bill_send": DOCUMENTS,  # renders the bill
    "config.monthly_report_mail": DOCUMENTS,  # renders the report before mailing it
    "documents.tasks.retention_apply": DOCUMENTS,
    "documents.tasks.fixity_check_archived": DOCUMENTS,
    "documents.tasks.notice_email": MAIL,
    "documents.api.tasks.webhook_deliver": MAIL,
    "billing.tasks.billing_run": BILLING,
    "billing.tasks.billing_clock": BILLING,
    "billing.tasks.collection_clock": BILLING,
    "billing.tasks.late_fees_accrue": BILLING,
    "billing.tasks.dunning_run": BILLING,
    "billing.tasks.bills_unsent_send": BILLING,  # queues the bills' sending (on ``documents``)
}


def queue_routes(*, prefix: str = "") -> dict[str, dict[str, str]]:
    """Celery's ``task_routes`` for the table above; ``prefix`` renames every queue (a test's own queues)."""
    return {task: {"queue": prefix + queue} for task, queue in TASK_QUEUES.items()}


app.conf.task_queues = tuple(Queue(name) for name in QUEUES)
app.conf.task_default_queue = CLOCKS  # never used while every task has its route (a test keeps it so)
app.conf.task_routes = queue_routes()

# The clocks, at fixed local times (CELERY_TIMEZONE, Asia/Shanghai) rather than every 24 hours counted from
# beat's start, so a restart never moves them. Every task is idempotent: running it twice changes nothing.
# Leases are activated before the billing run, so a lease starting today gets its bill tonight. The README's
# "Clocks" table lists the same times (a test compares them).
app.conf.beat_schedule = {
    "leasing-expiry-reminders": {
        "task": "leasing.tasks.lease_expiry_reminders_send",
        "schedule": crontab(hour=0, minute=15),
    },
    "billing-daily": {"task": "billing.tasks.billing_clock", "schedule": crontab(hour=0, minute=45)},
    # Weekly: every unit's occupancy derived again (the daily sweep refreshes only the units that changed).
    "leasing-occupancy-repair": {
        "task": "leasing.tasks.units_occupancy_repair",
        "schedule": crontab(hour=3, minute=30, day_of_week=0),
    },
    # After dunning: arrears files opened and closed, promises and plans checked, recommendations to decide.
    "billing-collection": {"task": "billing.tasks.collection_clock", "schedule": crontab(hour=1, minute=5)},
    "tenancy-daily": {"task": "tenancy.tasks.tenancy_daily", "schedule": crontab(hour=1, minute=30)},
    "servicedesk-auto-close": {
        "task": "servicedesk.tasks.tickets_auto_close",
        "schedule": crontab(hour=2, minute=0),
    },
    "documents-retention": {
        "task": "documents.tasks.retention_apply",
        "schedule": crontab(hour=2, minute=30),
    },
    "documents-fixity": {
        "task": "documents.tasks.fixity_check_archived",
        "schedule": crontab(hour=3, minute=0),
    },
    # Before the offices open: engineering finds the overdue count on its dashboard, tenants their notice.
    "fitout-overdue-sweep": {"task": "fitout.tasks.overdue_sweep", "schedule": crontab(hour=7, minute=30)},
    # From the first working day of a month until it is sent (once): last month's report to management.
    "monthly-report-mail": {"task": "config.monthly_report_mail", "schedule": crontab(hour=8, minute=30)},
    "documents-expiry-reminders": {
        "task": "documents.tasks.expiry_reminders_send",
        "schedule": crontab(hour=8, minute=0),
    },
    # The sweeps: what an interrupted run or a mail server that was down left unsent.
    "billing-bills-unsent": {
        "task": "billing.tasks.bills_unsent_send",
        "schedule": crontab(hour=9, minute=0),
    },
    "documents-notices-unsent": {
        "task": "documents.tasks.notices_unsent_send",
        "schedule": crontab(minute=20),  # hourly
    },
    # SLA clocks run in working minutes: checked every five minutes, not once a day.
    "servicedesk-sla-escalations": {"task": "servicedesk.tasks.sla_escalations_send", "schedule": 5 * 60},
}


@app.task(name="config.monthly_report_mail")
def monthly_report_mail() -> str | None:
    """Daily: on (or, after a failed run, from) the month's first working day, last month's report (月报) is
    mailed to management once (``config.monthly_report.mail``)."""
    from django.utils import timezone

    from config.monthly_report.mail import monthly_report_mail as mail

    return mail(today=timezone.localdate())


@app.task(name="backoffice.ping")
def ping() -> dict[str, int | str]:
    """Proves a worker reaches the broker and the database: answers with the number of tenants it sees."""
    from django.apps import apps

    tenant_model = apps.get_model("tenancy", "Tenant")
    return {"status": "ok", "tenants": tenant_model.objects.count()}
