"""Background jobs of the incubator: they take ids, load, call a service, and can run
twice without sending anything twice."""

import datetime
import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="incubator.tasks.booking_notice_task", autoretry_for=(OSError,),
             retry_backoff=60, max_retries=5)
def booking_notice_task(booking_id, kind):
    from incubator.services.notices import booking_notice_send

    return booking_notice_send(booking_id=booking_id, kind=kind)


@shared_task(name="incubator.tasks.impact_reminders_task")
def impact_reminders_task():
    from incubator.services.impact import impact_reminders_enqueue

    count = impact_reminders_enqueue()
    if count:
        logger.info("impact reminders: %s startups with last month's report missing", count)
    return count


@shared_task(name="incubator.tasks.impact_reminder_task", autoretry_for=(OSError,),
             retry_backoff=60, max_retries=5)
def impact_reminder_task(startup_id, month):
    from incubator.services.impact import impact_reminder_send

    return impact_reminder_send(startup_id=startup_id,
                                month=datetime.date.fromisoformat(month))
