"""This app's periodic jobs for Celery beat, merged into settings.CELERY_BEAT_SCHEDULE.
Plain data: settings imports it before Django is set up."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Keep shifts generated several weeks ahead (idempotent).
    "families-shifts-generate": {
        "task": "families.tasks.shifts_generate",
        "schedule": crontab(hour=2, minute=15),
    },
    # Waiting-list offers past their deadline pass to the next family.
    "families-waitlist-expire": {
        "task": "families.tasks.waitlist_offers_expire",
        "schedule": 300.0,
    },
    # The e-mail the day before a shift (each booking once).
    "families-booking-reminders": {
        "task": "families.tasks.booking_reminders_send",
        "schedule": crontab(minute=0),
    },
    "families-notifications-sweep": {
        "task": "families.tasks.notifications_requeue_stale",
        "schedule": 600.0,
    },
    # --- fam-retail ---
    # Contracts past their last day expire; those ending within 30 days are announced.
    "families-contracts-expire": {
        "task": "families.tasks.contracts_expire",
        "schedule": crontab(hour=0, minute=20),
    },
    "families-contract-expiry-alerts": {
        "task": "families.tasks.contract_expiry_alerts_send",
        "schedule": crontab(hour=8, minute=0),
    },
    # --- fam-products ---
    # Compliance documents expiring within 30 days: family and adviser warned once.
    "families-compliance-warnings": {
        "task": "families.tasks.compliance_warnings_send",
        "schedule": crontab(hour=7, minute=30),
    },
}

# --- fam-sales ---
# Last month's statements, on the 1st at 06:00 Baku time (CELERY_TIMEZONE); idempotent.
BEAT_SCHEDULE["families-statements-monthly"] = {
    "task": "families.tasks.statements_issue_monthly",
    "schedule": crontab(day_of_month=1, hour=6, minute=0),
}
