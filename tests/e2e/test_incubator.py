"""A founder books a mentor's office-hour slot and finds it under "My sessions"; the
mentor sees the booking; both got an e-mail with the .ics: through a real server and
browser."""

import email
import email.policy
import json
import re

import icalendar
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FOUNDER = "aysel.karimova@example.az"
MENTOR = "elvin.aliyev@example.az"
PASSWORD = "Ofis-saatı-2026!"
STARTUP = "Bulud Kassa"


@pytest.fixture
def people(server):
    out = server.python(
        "import datetime, json\n"
        "from allauth.account.models import EmailAddress\n"
        "from django.utils import timezone\n"
        "from core.models import User\n"
        "from incubator.services import mentor_create, slot_publish, startup_create\n"
        "def person(email, name):\n"
        f"    user = User.objects.create_user(email, {PASSWORD!r}, full_name=name,"
        " preferred_language='en')\n"
        "    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)\n"
        "    return user\n"
        f"founder = person({FOUNDER!r}, 'Aysel Kərimova')\n"
        f"mentor_user = person({MENTOR!r}, 'Elvin Əliyev')\n"
        "mentor = mentor_create(user=mentor_user, actor=None, expertise=['fintech'],"
        " capacity_per_month=4)\n"
        f"startup = startup_create(actor=founder, owner=founder, name={STARTUP!r},"
        " region='baku', sector='fintech')\n"
        "starts = (timezone.localtime() + datetime.timedelta(days=3)).replace("
        "hour=11, minute=0, second=0, microsecond=0)\n"
        "slot = slot_publish(mentor=mentor, actor=mentor_user, starts_at=starts,"
        " duration_minutes=45, mode='online', link='https://meet.example.az/elvin')\n"
        "print(json.dumps({'slot': slot.pk, 'startup': startup.pk}))\n"
    )
    return json.loads(out.strip().splitlines()[-1])


def log_in(page, server, address):
    page.goto(server.url("/accounts/login/"))
    page.locator('main input[name="login"]').fill(address)
    page.locator('main input[name="password"]').fill(PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
    page.wait_for_url("**/portal/")


def log_out(page):
    page.locator('header form[action="/accounts/logout/"] button').click()
    page.wait_for_url(re.compile(r"/$"))


def mails_with_ics(server):
    """Office-hour calendar files by recipient. The server is shared by every browser
    test of the session, so other tests' calendars (event tickets) are left out."""
    found = {}
    for path in server.mail_dir.glob("*.log"):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            for part in message.iter_attachments():
                if part.get_content_type() == "text/calendar":
                    calendar = icalendar.Calendar.from_ical(part.get_content())
                    if str(calendar.get("PRODID")) == "-//Yuva//Office hours//EN":
                        found[message["To"]] = calendar
    return found


def test_a_founder_books_office_hours_and_the_mentor_sees_the_booking(page, server, people):
    log_in(page, server, FOUNDER)

    # From the portal home to the office hours, and book the mentor's slot.
    page.get_by_role("link", name="Book office hours").first.click()
    page.wait_for_url("**/portal/startups/office-hours/")
    card = page.locator("ul.card-list li.card").filter(has_text="Elvin Əliyev")
    expect(card).to_have_count(1)
    card.get_by_role("link", name="Book").click()
    page.wait_for_url(f"**/portal/startups/office-hours/{people['slot']}/book/")
    page.locator('main textarea[name="topic"]').fill("Pricing <for> market stalls")
    page.get_by_role("button", name="Book this slot").click()
    page.wait_for_url(re.compile(r"/portal/startups/sessions/\d+/$"))
    expect(page.locator("ul.messages")).to_have_text(
        "Booked. You and the mentor will get an e-mail with a calendar file.")
    expect(page.locator("#session-status")).to_have_text("Upcoming")

    # "My sessions" lists it.
    page.get_by_role("link", name="My sessions").first.click()
    page.wait_for_url("**/portal/startups/sessions/")
    session = page.locator("#my-sessions li")
    expect(session).to_have_count(1)
    expect(session).to_contain_text("Elvin Əliyev")
    expect(session).to_contain_text(STARTUP)
    expect(session.locator(".tag")).to_have_text("Upcoming")
    log_out(page)

    # The mentor sees the booking on the portal home and on their slots.
    log_in(page, server, MENTOR)
    expect(page.locator("section.panel").filter(has_text="My office hours")).to_contain_text(
        STARTUP)
    page.goto(server.url("/portal/startups/mentor/slots/"))
    expect(page.locator("#my-slots .tag")).to_have_text(f"Booked by Aysel Kərimova ({STARTUP})")
    expect(page.locator("#my-slots")).to_contain_text("Pricing <for> market stalls")

    # Both got the calendar file of the same booking.
    calendars = mails_with_ics(server)
    assert sorted(calendars) == [FOUNDER, MENTOR]
    events = [next(iter(c.walk("VEVENT"))) for c in calendars.values()]
    assert {str(e["UID"]) for e in events} == {events[0]["UID"]}
    assert {str(e["LOCATION"]) for e in events} == {"https://meet.example.az/elvin"}
