"""Queueing and sending e-mails to registrants (see events.models.messaging)."""

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.models import RegistrationEmail

logger = logging.getLogger(__name__)
Status = RegistrationEmail.Status


def emails_queue(*, registrations, kind, staff_message=None):
    """Write one queued e-mail per registration and send them in one background job
    after the caller's transaction commits. Returns the e-mail ids."""
    rows = RegistrationEmail.objects.bulk_create([
        RegistrationEmail(registration=registration, kind=kind, staff_message=staff_message)
        for registration in registrations
    ])
    ids = [row.pk for row in rows]
    if ids:
        from events.tasks import registration_emails_send_task

        registration_emails_send_task.delay_on_commit(ids)
    return ids


def email_send(*, email_id):
    """Send one queued (or failed) e-mail. Claims it first, so two workers never send the
    same one; a failure leaves it FAILED with the error, to be retried. True if sent."""
    claimed = RegistrationEmail.objects.filter(
        pk=email_id, status__in=[Status.QUEUED, Status.FAILED],
    ).update(status=Status.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = (RegistrationEmail.objects
             .select_related("registration__event__centre", "staff_message")
             .get(pk=email_id))
    from events.emails import build_message

    try:
        build_message(email).send()
    except Exception as exc:
        logger.exception("e-mail %s to registration %s failed", email.pk, email.registration_id)
        RegistrationEmail.objects.filter(pk=email_id).update(
            status=Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        return False
    RegistrationEmail.objects.filter(pk=email_id).update(
        status=Status.SENT, sent_at=timezone.now(), error="")
    return True


def emails_send(*, email_ids):
    sent = 0
    for email_id in email_ids:
        sent += email_send(email_id=email_id)
    return sent


STUCK_MINUTES = 15


@transaction.atomic
def emails_retry(*, event=None, max_attempts=None, now=None):
    """Queue again what failed, and what has sat queued or sending for a while (a worker
    that died); one job sends them. The scheduled sweep gives up after `max_attempts`;
    staff retrying an event's e-mails do not. Returns how many."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(minutes=STUCK_MINUTES)
    queryset = RegistrationEmail.objects.filter(status=Status.FAILED) | \
        RegistrationEmail.objects.filter(status__in=[Status.QUEUED, Status.SENDING],
                                         created_at__lt=stale)
    if event is not None:
        queryset = queryset.filter(registration__event=event)
    if max_attempts is not None:
        queryset = queryset.filter(attempts__lt=max_attempts)
    ids = list(queryset.values_list("pk", flat=True))
    if ids:
        RegistrationEmail.objects.filter(pk__in=ids, status=Status.SENDING).update(
            status=Status.FAILED, error="interrupted while sending")
        from events.tasks import registration_emails_send_task

        registration_emails_send_task.delay_on_commit(ids)
    return len(ids)
