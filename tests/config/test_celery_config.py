"""Celery settings that keep tasks from being lost or run twice: late acks, requeue on worker loss, Redis."""

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
