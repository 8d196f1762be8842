"""The Celery app. Tasks live in each app's tasks.py and are discovered here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("yuva")
app.config_from_object("django.conf:settings", namespace="CELERY")
if app.conf.task_always_eager:
    # Embedded mode: no broker. Beat still needs a transport for its producer; the
    # in-memory one is enough because eager tasks run inside the sending process.
    app.conf.broker_url = "memory://localhost/"
app.autodiscover_tasks()
