"""This app's periodic jobs for Celery beat, merged into settings.CELERY_BEAT_SCHEDULE.
Plain data: settings imports it before Django is set up."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every morning (Asia/Baku): remind startups whose report for last month is missing.
    # Each startup is reminded at most once per YUVA_IMPACT_REMINDER_EVERY_DAYS days.
    "incubator-impact-reminders": {
        "task": "incubator.tasks.impact_reminders_task",
        "schedule": crontab(hour=10, minute=0),
    },
}
