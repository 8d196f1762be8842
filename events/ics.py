"""iCalendar (RFC 5545) for events, through the icalendar library: one event as an
e-mail attachment or a per-event feed, and the feed of all upcoming events."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as ICalEvent

PRODID = "-//Yuva//Events//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _vevent(event, *, stamp):
    vevent = ICalEvent()
    vevent.add("uid", f"event-{event.pk}@{settings.SITE_URL.split('://', 1)[-1]}")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at)
    vevent.add("dtend", event.ends_at)
    vevent.add("summary", event.title)
    if event.description:
        vevent.add("description", event.description)
    vevent.add("location", event.location_text())
    vevent.add("url", event.get_full_url())
    if event.status == event.Status.CANCELLED:
        vevent.add("status", "CANCELLED")
    else:
        vevent.add("status", "CONFIRMED")
    return vevent


def events_calendar(events, *, name="Yuva"):
    """The .ics bytes for `events` (each needs its centre loaded)."""
    stamp = timezone.now()
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_vevent(event, stamp=stamp))
    return calendar.to_ical()
