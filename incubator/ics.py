"""Office-hour bookings as iCalendar (.ics) attachments, through the icalendar library.
A booking keeps one UID, so a calendar that imported it replaces it on cancellation."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Yuva//Office hours//EN"


def booking_uid(booking):
    host = urlsplit(settings.SITE_URL).hostname or "yuva.invalid"
    return f"yuva-booking-{booking.pk}@{host}"


def _attendee(user, role):
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(user.get_full_name())
    address.params["role"] = vText(role)
    return address


def booking_ics(booking, *, cancelled=False):
    """The booking as an .ics file (bytes). `cancelled` gives the CANCEL version."""
    slot = booking.slot
    mentor_user = slot.mentor.user
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", slot.starts_at.astimezone(datetime.UTC))
    event.add("dtend", slot.ends_at.astimezone(datetime.UTC))
    event.add("sequence", 1 if cancelled else 0)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("summary", f"{mentor_user.get_full_name()} · {booking.startup.enterprise.name}")
    if slot.mode == slot.Mode.ONLINE:
        event.add("location", slot.link)
        if slot.link:
            event.add("url", slot.link)
    else:
        event.add("location", slot.place)
    if booking.topic:
        event.add("description", booking.topic)
    organizer = vCalAddress(f"mailto:{mentor_user.email}")
    organizer.params["cn"] = vText(mentor_user.get_full_name())
    event.add("organizer", organizer)
    event.add("attendee", _attendee(booking.founder, "REQ-PARTICIPANT"))
    calendar.add_component(event)
    return calendar.to_ical()
