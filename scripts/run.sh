#!/usr/bin/env bash
# Serve Yuva locally with its background and scheduled jobs.
# Without CELERY_BROKER_URL jobs run eagerly after each commit, and a beat process
# fires the schedule (its tasks run inside it). With a broker, a worker with an
# embedded beat runs everything.
set -euo pipefail
port="${1:-8000}"
bin=.venv/bin
mkdir -p var
trap 'kill 0' EXIT INT TERM
if [ -n "${CELERY_BROKER_URL:-}" ]; then
  "$bin/celery" -A config worker --beat --loglevel=INFO --concurrency=2 \
    --schedule var/celerybeat-schedule &
else
  "$bin/celery" -A config beat --loglevel=INFO --schedule var/celerybeat-schedule &
fi
"$bin/python" manage.py seed_demo --print-logins-only || true
echo "Yuva is at http://127.0.0.1:${port}/  (staff back office: /admin/, portal: /portal/)"
"$bin/python" manage.py runserver "127.0.0.1:${port}"
