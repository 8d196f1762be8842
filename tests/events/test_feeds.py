"""iCal feeds: all upcoming published events at /events/feed.ics, and one per event."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Event
from tests.factories.events import EventFactory, in_days

pytestmark = pytest.mark.django_db


def vevents(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    return list(calendar.walk("VEVENT"))


def test_the_feed_holds_the_upcoming_published_events(client):
    fest = EventFactory(title="Start-up Fest", starts_at=in_days(30),
                        ends_at=in_days(30) + datetime.timedelta(hours=8), room="Böyük zal")
    webinar = EventFactory(title="Vergi vebinarı", kind=Event.Kind.WEBINAR, room="",
                           online_url="https://meet.yuva.test/vergi", starts_at=in_days(3),
                           ends_at=in_days(3) + datetime.timedelta(hours=1),
                           audience=Event.Audience.STARTUPS)
    running = EventFactory(title="Running now", starts_at=timezone.now() - datetime.timedelta(
        hours=1), ends_at=timezone.now() + datetime.timedelta(hours=1))
    EventFactory(title="Draft", status=Event.Status.DRAFT)
    EventFactory(title="Past", starts_at=in_days(-2), ends_at=in_days(-2) + datetime.timedelta(
        hours=2))

    response = client.get("/events/feed.ics")
    assert response.status_code == 200
    events = vevents(response)
    assert [str(e["SUMMARY"]) for e in events] == ["Running now", "Vergi vebinarı",
                                                   "Start-up Fest"]
    by_title = {str(e["SUMMARY"]): e for e in events}
    fest_vevent = by_title["Start-up Fest"]
    assert fest_vevent.decoded("DTSTART") == fest.starts_at
    assert fest_vevent.decoded("DTEND") == fest.ends_at
    assert str(fest_vevent["LOCATION"]) == f"{fest.centre.name}, Böyük zal"
    assert str(fest_vevent["URL"]) == f"http://127.0.0.1:8000/events/{fest.pk}/"
    assert str(fest_vevent["UID"]) == f"event-{fest.pk}@127.0.0.1:8000"
    assert str(by_title["Vergi vebinarı"]["LOCATION"]) == (
        f"{webinar.centre.name}, https://meet.yuva.test/vergi")
    assert running.pk  # listed while it runs


def test_the_feed_can_be_narrowed_to_an_audience(client):
    EventFactory(title="For everyone")
    EventFactory(title="For families", audience=Event.Audience.FAMILIES)
    events = vevents(client.get("/events/feed.ics?audience=families"))
    assert [str(e["SUMMARY"]) for e in events] == ["For families"]
    assert len(vevents(client.get("/events/feed.ics?audience=<b>"))) == 2


def test_a_cancelled_event_stays_in_its_own_feed_marked_cancelled(client):
    event = EventFactory(title="Fest", status=Event.Status.CANCELLED)
    events = vevents(client.get(f"/events/{event.pk}/event.ics"))
    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in events] == [("Fest", "CANCELLED")]
    assert vevents(client.get("/events/feed.ics")) == []


def test_the_per_event_feed(client):
    event = EventFactory(title="Mürəbbə təlimi", description="Şəkər, meyvə, sterilizasiya.")
    response = client.get(f"/events/{event.pk}/event.ics")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="event-{event.pk}.ics"'
    (vevent,) = vevents(response)
    assert str(vevent["SUMMARY"]) == "Mürəbbə təlimi"
    assert str(vevent["DESCRIPTION"]) == "Şəkər, meyvə, sterilizasiya."


def test_a_draft_has_no_feed(client):
    event = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/events/{event.pk}/event.ics").status_code == 404
