"""E-mails: the reminder the day before (once per booking, however often the job runs),
the outbox's idempotence, a failed e-mail kept visible and sent again on retry."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import DomainError
from families.models import Notification, ShiftBooking
from families.services.calendar import booking_reminders_send
from families.services.notifications import (
    notification_retry,
    notification_send,
    notifications_requeue_stale,
    notify,
)
from tests.factories import UserFactory
from tests.factories.families import LineFactory, booked, family_member, shift_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_reminder_goes_once_to_each_booking_of_tomorrow(django_capture_on_commit_callbacks):
    line = LineFactory(name="Jam line")
    now = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    tomorrow = now.date() + datetime.timedelta(days=1)
    family, member = family_member(preferred_language="en")
    due = booked(shift_at(line, tomorrow, 8), family, member)
    booked(shift_at(line, tomorrow + datetime.timedelta(days=1), 8), family, member)
    booked(shift_at(line, tomorrow, 14), family_member()[0], status=ShiftBooking.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        assert booking_reminders_send(now=now) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert booking_reminders_send(now=now + datetime.timedelta(hours=1)) == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([member.email], f"Tomorrow: Jam line shift at {tomorrow:%d.%m.%Y} 08:00")]
    due.refresh_from_db()
    assert due.reminder_sent_at == now


def test_one_notification_per_key(django_capture_on_commit_callbacks):
    user = UserFactory()
    family, _member = family_member()
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(kind="member_invited", recipient=user, subject=family, key="k:1")
        second = notify(kind="member_invited", recipient=user, subject=family, key="k:1")
    assert first.pk == second.pk
    assert len(mail.outbox) == 1
    assert notification_send(notification_id=first.pk) is False  # already sent
    assert len(mail.outbox) == 1


def test_a_failed_email_stays_visible_and_can_be_sent_again(settings,
                                                            django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    family, member = family_member()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(kind="member_invited", recipient=member, subject=family,
                              key="invite:1")
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1
    assert notification.error.startswith("ConnectionRefusedError")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        notification_retry(notification=notification, actor=staff)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.error) == (
        Notification.Status.SENT, 2, "")
    assert [m.to for m in mail.outbox] == [[member.email]]
    with pytest.raises(DomainError) as info:
        notification_retry(notification=notification, actor=staff)
    assert info.value.message == "Only a failed e-mail can be sent again."


def test_the_sweep_fails_stuck_emails_and_requeues_waiting_ones():
    family, member = family_member()
    stuck = notify(kind="member_invited", recipient=member, subject=family, key="a")
    waiting = notify(kind="member_invited", recipient=UserFactory(), subject=family, key="b")
    old = timezone.now() - datetime.timedelta(minutes=11)
    Notification.objects.filter(pk=stuck.pk).update(status=Notification.Status.SENDING,
                                                    updated_at=old)
    Notification.objects.filter(pk=waiting.pk).update(updated_at=old)
    assert notifications_requeue_stale() == 1
    stuck.refresh_from_db()
    waiting.refresh_from_db()
    assert stuck.status == Notification.Status.FAILED
    assert stuck.error == "The sending job stopped before it finished. Retry it."
    assert waiting.status == Notification.Status.SENT  # the eager job ran it
