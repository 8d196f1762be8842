"""A person's shift calendar feed (.ics) and the reminder the day before a shift."""

import datetime

from django.db import transaction
from django.utils import timezone

from families.models import CalendarFeed, Shift, ShiftBooking
from families.models.notification import new_feed_token
from families.services.notifications import notify
from families.timeutil import day_bounds


def calendar_feed_get(*, user):
    """The person's feed, made on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user):
    """A new secret address; the old one stops working."""
    feed = calendar_feed_get(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed


def booking_reminders_send(*, now=None):
    """E-mail every family member with a booking tomorrow (Baku time). Idempotent: a
    booking is claimed once (reminder_sent_at) and its notification key is unique."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    start, end = day_bounds(tomorrow)
    due = list(ShiftBooking.objects.filter(
        status=ShiftBooking.Status.BOOKED, reminder_sent_at__isnull=True,
        starts_at__gte=start, starts_at__lt=end, shift__status=Shift.Status.SCHEDULED,
    ).select_related("member").order_by("pk"))
    sent = 0
    for booking in due:
        with transaction.atomic():
            if not ShiftBooking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True) \
                    .update(reminder_sent_at=now):
                continue
            notify(kind="booking_reminder", recipient=booking.member, subject=booking,
                   key=f"booking_reminder:{booking.pk}")
            sent += 1
    return sent
