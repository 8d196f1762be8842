"""This app's periodic jobs for Celery beat, merged into settings.CELERY_BEAT_SCHEDULE.
Plain data: settings imports it before Django is set up."""

BEAT_SCHEDULE = {}
