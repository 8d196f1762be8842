"""The e-mail outbox of families (see families/models/notification.py)."""

import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from families.models import Notification
from families.notifications import KINDS

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=10)


def notify(*, kind, recipient, subject, key, data=None):
    """Queue one e-mail to `recipient` about `subject`, once per `key`; it is sent after
    the current transaction commits. Returns the Notification (the existing one when
    the key was used before)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                kind=kind, recipient=recipient, key=key, data=data or {},
                subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk,
            )
    except IntegrityError:
        return Notification.objects.get(key=key)
    _enqueue(notification.pk)
    return notification


def _enqueue(notification_id):
    from families.tasks import notification_send_task

    notification_send_task.delay_on_commit(notification_id)


def notification_send(*, notification_id):
    """Send a queued notification. Claimed with a conditional update, so two workers
    never send it twice; a failure is stored (status failed, the error), not raised."""
    claimed = Notification.objects.filter(
        pk=notification_id, status=Notification.Status.QUEUED,
    ).update(attempts=F("attempts") + 1, status=Notification.Status.SENDING, error="",
             updated_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        message = render_notification(notification)
        message.send()
    except Exception as exc:
        logger.exception("sending notification %s failed", notification_id)
        Notification.objects.filter(pk=notification_id).update(
            status=Notification.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
            updated_at=timezone.now(),
        )
        return False
    Notification.objects.filter(pk=notification_id).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), updated_at=timezone.now())
    return True


def render_notification(notification):
    """The EmailMessage for a notification, in its recipient's language."""
    recipient = notification.recipient
    with translation.override(recipient.preferred_language):
        context = KINDS[notification.kind](notification)
        context.update({"recipient": recipient, "data": notification.data})
        base = f"families/email/{notification.kind}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        body = render_to_string(f"{base}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[recipient.email])


@transaction.atomic
def notification_retry(*, notification, actor):
    updated = Notification.objects.filter(
        pk=notification.pk, status=Notification.Status.FAILED,
    ).update(status=Notification.Status.QUEUED, updated_at=timezone.now())
    if not updated:
        raise DomainError(_("Only a failed e-mail can be sent again."))
    audit_log(notification, "yuva.notification_retry", user=actor)
    _enqueue(notification.pk)


def notifications_requeue_stale(*, now=None):
    """The sweep: an e-mail "sending" for too long lost its worker and is marked failed
    (staff see it and can retry); one still queued after a while is enqueued again."""
    now = now or timezone.now()
    Notification.objects.filter(
        status=Notification.Status.SENDING, updated_at__lt=now - STALE_AFTER,
    ).update(status=Notification.Status.FAILED, updated_at=now,
             error=_("The sending job stopped before it finished. Retry it."))
    stale = list(Notification.objects.filter(
        status=Notification.Status.QUEUED, updated_at__lt=now - STALE_AFTER,
    ).values_list("pk", flat=True)[:500])
    from families.tasks import notification_send_task

    for pk in stale:
        notification_send_task.delay(pk)
    return len(stale)
