"""The Celery application and the beat schedule (kept in code, one beat process per deployment)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# DjangoTask gives every task ``delay_on_commit``: work is queued once the asking transaction commits.
app = Celery("backoffice", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each app adds its clocks here as its issue lands; every task is idempotent.
app.conf.beat_schedule = {}
app.conf.beat_schedule["servicedesk-sla-escalations"] = {
    "task": "servicedesk.tasks.sla_escalations_send",
    "schedule": 5 * 60,
}
app.conf.beat_schedule["servicedesk-auto-close"] = {
    "task": "servicedesk.tasks.tickets_auto_close",
    "schedule": 24 * 60 * 60,
}
app.conf.beat_schedule["tenancy-daily"] = {
    "task": "tenancy.tasks.tenancy_daily",
    "schedule": 24 * 60 * 60,
}
app.conf.beat_schedule["leasing-expiry-reminders"] = {
    "task": "leasing.tasks.lease_expiry_reminders_send",
    "schedule": 24 * 60 * 60,
}

app.conf.beat_schedule["billing-daily"] = {"task": "billing.tasks.billing_clock", "schedule": 24 * 60 * 60}

app.conf.beat_schedule["documents-expiry-reminders"] = {
    "task": "documents.tasks.expiry_reminders_send",
    "schedule": 24 * 60 * 60,
}
app.conf.beat_schedule["documents-retention"] = {
    "task": "documents.tasks.retention_apply",
    "schedule": 24 * 60 * 60,
}
app.conf.beat_schedule["documents-fixity"] = {
    "task": "documents.tasks.fixity_check_archived",
    "schedule": 24 * 60 * 60,
}


@app.task(name="backoffice.ping")
def ping() -> dict[str, int | str]:
    """Proves a worker reaches the broker and the database: answers with the number of tenants it sees."""
    from django.apps import apps

    tenant_model = apps.get_model("tenancy", "Tenant")
    return {"status": "ok", "tenants": tenant_model.objects.count()}
