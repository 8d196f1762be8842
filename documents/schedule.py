"""This app's periodic jobs for Celery beat, merged into settings.CELERY_BEAT_SCHEDULE.
Plain data: settings imports it before Django is set up."""

BEAT_SCHEDULE = {
    "documents-retry-stale": {
        "task": "documents.tasks.documents_requeue_stale",
        "schedule": 300.0,
    },
}
