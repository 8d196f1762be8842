"""This app's periodic jobs for Celery beat, merged into settings.CELERY_BEAT_SCHEDULE.
Plain data: settings imports it before Django is set up."""

BEAT_SCHEDULE = {
    # Expire waiting-list offers that were not confirmed in time and pass the places on.
    "events-waitlist": {"task": "events.tasks.waitlist_sweep", "schedule": 300.0},
    # The reminder the day before: hourly, each person once (Registration.reminded_at).
    "events-reminders": {"task": "events.tasks.reminders_sweep", "schedule": 3600.0},
    # Confirmed people not checked in an hour after the end are no-shows.
    "events-no-shows": {"task": "events.tasks.no_shows_sweep", "schedule": 3600.0},
    # E-mails that failed, or were left behind by a worker that died, are sent again.
    "events-emails-retry": {"task": "events.tasks.emails_retry_sweep", "schedule": 900.0},
}
