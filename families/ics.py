"""A person's booked shifts as an iCalendar feed (icalendar library)."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from families.selectors.shifts import feed_bookings_for


def bookings_calendar(user):
    with translation.override(user.preferred_language):
        cal = Calendar()
        cal.add("prodid", "-//Yuva//ABAD shifts//EN")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", _("My ABAD shifts"))
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        host = settings.SITE_URL.split("://", 1)[-1]
        for booking in feed_bookings_for(user):
            line = booking.shift.line
            event = Event()
            event.add("uid", f"shift-booking-{booking.pk}@{host}")
            event.add("dtstamp", timezone.now())
            event.add("dtstart", booking.starts_at)
            event.add("dtend", booking.ends_at)
            event.add("summary", _("%(line)s shift — %(family)s") % {
                "line": line.name, "family": booking.family.enterprise.name})
            event.add("location", f"{line.factory.name}, {line.factory.centre.address}")
            event.add("description", _("Booked on the %(line)s line at %(factory)s.") % {
                "line": line.name, "factory": line.factory.name})
            event.add("status", "CONFIRMED")
            cal.add_component(event)
        return cal.to_ical()
