#!/bin/sh
# One image, four roles: `web` (gunicorn), `worker [QUEUES]`, `beat` (exactly one per deployment), `migrate` (one-shot).
set -eu

case "${1:-web}" in
web)
    exec gunicorn --config config/docker/gunicorn.conf.py config.wsgi:application
    ;;
worker)
    # `worker QUEUES` consumes those queues (comma-separated, config/celery.py names them), `worker` alone all.
    exec celery -A config worker --loglevel "${CELERY_LOG_LEVEL:-info}" \
        --concurrency "${CELERY_CONCURRENCY:-2}" --hostname "worker@%h" ${2:+--queues "$2"}
    ;;
beat)
    exec celery -A config beat --loglevel "${CELERY_LOG_LEVEL:-info}"
    ;;
migrate)
    exec python manage.py migrate --noinput
    ;;
*)
    exec "$@"
    ;;
esac
