"""Background jobs of events. Each takes ids, loads, calls a service and can run twice."""

import logging

from celery import shared_task

from events import services

logger = logging.getLogger(__name__)
MAX_AUTOMATIC_ATTEMPTS = 5


@shared_task(name="events.tasks.registration_emails_send_task")
def registration_emails_send_task(email_ids):
    services.emails_send(email_ids=email_ids)


@shared_task(name="events.tasks.waitlist_sweep")
def waitlist_sweep():
    """Expire overdue offers and offer free places to the people waiting."""
    from events.models import Event
    from events.services.waitlist import events_needing_waitlist_work

    for event_id in events_needing_waitlist_work():
        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            continue
        expired, offered = services.waitlist_process(event=event)
        if expired or offered:
            logger.info("event %s: %s offers expired, %s places offered", event_id,
                        len(expired), len(offered))


@shared_task(name="events.tasks.reminders_sweep")
def reminders_sweep():
    count = services.reminders_send()
    if count:
        logger.info("event reminders queued: %s", count)


@shared_task(name="events.tasks.no_shows_sweep")
def no_shows_sweep():
    """Mark the no-shows of events that ended (staff can also do it on the event page)."""
    from events.models import Event
    from events.services.post_event import events_to_close

    for event in Event.objects.filter(pk__in=events_to_close()):
        services.event_mark_no_shows(event=event)


@shared_task(name="events.tasks.emails_retry_sweep")
def emails_retry_sweep():
    count = services.emails_retry(max_attempts=MAX_AUTOMATIC_ATTEMPTS)
    if count:
        logger.warning("event e-mails queued again: %s", count)
