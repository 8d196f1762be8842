"""The family portal: the calendar (bookable lines, missing trainings, book, waiting
list), the line page with its rules, my shifts with the .ics feed, production history.
Every page is scoped to the person's own family (another's answers 404) and runs a
constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from families.models import ProductionLot, Shift, ShiftBooking, WaitlistEntry
from families.timeutil import local_date
from tests.factories import UserFactory
from tests.factories.families import (
    FactoryFactory,
    LineFactory,
    TrainingFactory,
    booked,
    family_member,
    next_monday,
    shift_at,
    train,
)
from tests.families.helpers import messages_text, query_count, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def hygiene():
    return TrainingFactory(name="Food hygiene")


@pytest.fixture
def factory():
    return FactoryFactory(name="Guba factory")


@pytest.fixture
def jam(factory, hygiene):
    return LineFactory(factory=factory, name="Jam line", slug="jam", workstations=3,
                       trainings=[hygiene])


@pytest.fixture
def loom(factory):
    return LineFactory(factory=factory, name="Carpet looms", slug="looms",
                       trainings=[TrainingFactory(name="Loom basics")])


@pytest.fixture
def family_and_member(hygiene):
    family, member = family_member(full_name="Günel Quliyeva", preferred_language="en")
    train(member, hygiene)
    return family, member


@pytest.fixture
def client_en(client, family_and_member):
    client.force_login(family_and_member[1])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def url(name, *args):
    return reverse(f"families:{name}", args=args)


def month_of(shift):
    return local_date(shift.starts_at).strftime("%Y-%m")


def test_the_calendar_shows_bookable_shifts_and_missing_trainings(client_en, family_and_member,
                                                                  jam, loom):
    family = family_and_member[0]
    monday = next_monday()
    open_shift = shift_at(jam, monday, 8)
    full = shift_at(jam, monday, 14)
    Shift.objects.filter(pk=full.pk).update(booked_count=3)
    blocked = shift_at(loom, monday, 9)
    response = client_en.get(url("calendar", family.pk) + f"?month={month_of(open_shift)}")
    assert response.status_code == 200
    page = soup(response)
    assert [li.get_text(" ", strip=True) for li in page.select("#trainings-missing li")] == [
        "Carpet looms Guba factory Training needed first: Loom basics"]
    assert page.select_one(f"#shift-{open_shift.pk} [data-book]").get_text() == "Book"
    assert page.select_one(f"#shift-{open_shift.pk} .muted").get_text() == "3 places free"
    assert page.select_one(f"#shift-{full.pk} button").get_text() == "Join the waiting list"
    assert page.select_one(f"#shift-{blocked.pk} .muted").get_text() == "Training needed"
    assert page.select_one(f"#shift-{blocked.pk} button") is None


def test_booking_from_the_calendar(client_en, family_and_member, jam):
    family = family_and_member[0]
    shift = shift_at(jam, next_monday(), 8)
    back = url("calendar", family.pk) + f"?month={month_of(shift)}"
    response = client_en.post(url("book", family.pk, shift.pk), {"next": back}, follow=True)
    assert response.redirect_chain == [(back, 302)]
    assert messages_text(response) == [
        f"Booked: Jam line, {timezone.localtime(shift.starts_at):%d.%m.%Y} 08:00."]
    assert soup(response).select_one(f"#shift-{shift.pk} .tag").get_text() == "Booked"
    assert ShiftBooking.objects.filter(shift=shift, family=family).count() == 1

    again = client_en.post(url("book", family.pk, shift.pk), {"next": back}, follow=True)
    assert messages_text(again) == ["Your family has already booked this shift."]


def test_next_must_be_a_local_address(client_en, family_and_member, jam):
    family = family_and_member[0]
    shift = shift_at(jam, next_monday(), 8)
    response = client_en.post(url("book", family.pk, shift.pk),
                              {"next": "https://evil.example/"})
    assert response["Location"] == url("calendar", family.pk)


def test_joining_the_waiting_list_and_my_position(client_en, family_and_member, jam):
    family = family_and_member[0]
    shift = shift_at(jam, next_monday(), 8)
    for _ in range(3):
        booked(shift, family_member()[0])
    first_family, first_member = family_member()
    WaitlistEntry.objects.create(shift=shift, family=first_family, member=first_member)
    response = client_en.post(url("waitlist_join", family.pk, shift.pk), follow=True)
    assert messages_text(response) == [
        "Your family is on the waiting list. We will e-mail you if a place frees up."]
    page = client_en.get(url("my_shifts", family.pk))
    entry = WaitlistEntry.objects.get(family=family)
    assert soup(page).select_one(f"#waitlist-{entry.pk} .tag").get_text() == (
        "Number 2 on the waiting list")


def test_the_line_page_publishes_the_rules(client_en, family_and_member, jam, loom):
    family = family_and_member[0]
    response = client_en.get(url("line", family.pk, "jam"))
    rules = [li.get_text() for li in soup(response).select("#booking-rules li")]
    assert rules[:3] == ["You can book a shift up to 28 days ahead.",
                         "Booking closes 12 hours before the shift starts.",
                         "A family can book at most 2 shifts a week at Guba factory."]
    assert soup(response).select_one("#training-missing") is None
    blocked = client_en.get(url("line", family.pk, "looms"))
    assert soup(blocked).select_one("#training-missing").get_text(" ", strip=True) == (
        "Before you can book this line, you need: Loom basics. Ask your adviser or register "
        "for the training.")
    assert client_en.get(url("line", family.pk, "no-such-line")).status_code == 404


def test_cancel_from_my_shifts(client_en, family_and_member, jam):
    family, member = family_and_member
    shift = shift_at(jam, next_monday(), 8)
    booking = booked(shift, family, member)
    response = client_en.post(url("cancel", family.pk, booking.pk), follow=True)
    assert messages_text(response) == ["Your booking was cancelled."]
    booking.refresh_from_db()
    assert booking.status == ShiftBooking.Status.CANCELLED
    assert Shift.objects.get(pk=shift.pk).booked_count == 0


def other_familys_things(jam):
    other, other_member = family_member()
    shift = shift_at(jam, next_monday(), 8)
    booking = booked(shift, other, other_member)
    entry = WaitlistEntry.objects.create(shift=shift_at(jam, next_monday(), 14), family=other,
                                         member=other_member)
    lot = ProductionLot.objects.create(
        shift=shift, booking=booking, family=other, description="Secret jam", quantity=Decimal(5),
        unit="jar", lot_code="OTHER-1", quality="passed", signed_off_by=UserFactory(),
        signed_off_at=timezone.now())
    return other, booking, entry, lot


def test_another_familys_pages_and_objects_answer_404(client_en, family_and_member, jam):
    mine = family_and_member[0]
    other, booking, entry, _lot = other_familys_things(jam)
    for name in ("home", "calendar", "my_shifts", "history", "requests"):
        assert client_en.get(url(name, other.pk)).status_code == 404, name
    for family_pk in (mine.pk, other.pk):
        assert client_en.post(url("cancel", family_pk, booking.pk)).status_code == 404
        assert client_en.post(url("waitlist_accept", family_pk, entry.pk)).status_code == 404
        assert client_en.post(url("waitlist_leave", family_pk, entry.pk)).status_code == 404
    booking.refresh_from_db()
    assert booking.status == ShiftBooking.Status.BOOKED


def test_history_shows_only_my_lots(client_en, family_and_member, jam):
    family, member = family_and_member
    other_familys_things(jam)
    shift = shift_at(jam, timezone.localdate() - datetime.timedelta(days=2), 8)
    booking = booked(shift, family, member, status=ShiftBooking.Status.CHECKED_IN)
    lot = ProductionLot.objects.create(
        shift=shift, booking=booking, family=family, description="Quince jam",
        quantity=Decimal(120),
        unit="jar", lot_code="JAM-1", quality="passed", signed_off_by=UserFactory(),
        signed_off_at=timezone.now())
    page = soup(client_en.get(url("history", family.pk)))
    assert [[td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in page.select("#lots tbody tr")] == [[
                f"{timezone.localtime(shift.starts_at):%d.%m.%Y}", "Jam line", "Quince jam",
                "120 jars", "JAM-1", "Passed"]]
    assert page.select_one(f"#lot-{lot.pk}")


def test_the_calendar_feed_works_without_a_session_and_can_be_reset(client_en, family_and_member,
                                                                    jam):
    family, member = family_and_member
    shift = shift_at(jam, next_monday(), 8)
    booking = booked(shift, family, member)
    booked(shift_at(jam, next_monday(), 14), family_member()[0])  # not ours
    page = soup(client_en.get(url("my_shifts", family.pk)))
    feed_url = page.select_one("#calendar-feed code").get_text()
    path = feed_url.replace("http://testserver", "")

    from django.test import Client

    anonymous = Client()
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [(str(e["uid"]), e.decoded("dtstart")) for e in events] == [
        (f"shift-booking-{booking.pk}@127.0.0.1:8000", shift.starts_at)]
    assert str(events[0]["summary"]) == f"Jam line shift — {family.enterprise.name}"

    client_en.post(url("feed_reset", family.pk))
    assert anonymous.get(path).status_code == 404
    assert anonymous.get(url("feed", "not-a-token")).status_code == 404


def test_pages_run_a_constant_number_of_queries(client_en, family_and_member, jam, loom,
                                                hygiene):
    family, member = family_and_member
    monday = next_monday()
    added = []

    def add(n):
        for _ in range(n):
            line = LineFactory(factory=jam.factory, trainings=[hygiene, TrainingFactory()])
            shift = shift_at(line, monday + datetime.timedelta(days=len(added)), 8)
            added.append(shift)
            booking = booked(shift, family, member)
            ProductionLot.objects.create(
                shift=shift, booking=booking, family=family, description="Jam", quantity=1,
                unit="jar", lot_code=f"N1-{booking.pk}", quality="passed",
                signed_off_by=UserFactory(), signed_off_at=timezone.now())
            WaitlistEntry.objects.create(shift=shift_at(line, monday, 14), family=family,
                                         member=member)

    pages = [url("calendar", family.pk) + f"?month={monday:%Y-%m}", url("my_shifts", family.pk),
             url("history", family.pk), url("home", family.pk)]
    add(1)
    for page in pages:  # the first visit makes the feed's token
        client_en.get(page)
    one = [query_count(lambda p=p: client_en.get(p)) for p in pages]
    add(6)
    many = [query_count(lambda p=p: client_en.get(p)) for p in pages]
    assert one == many


def test_the_portal_home_and_the_enterprise_page_show_the_family(client_en, family_and_member,
                                                                 jam):
    family, member = family_and_member
    shift = shift_at(jam, next_monday(), 8)
    booked(shift, family, member)
    home = soup(client_en.get(reverse("core:portal_home")))
    panel = next(s for s in home.select("section.panel")
                 if s.h2.get_text() == "My family business")
    assert [li.get_text(" ", strip=True) for li in panel.select("li")] == [
        f"{timezone.localtime(shift.starts_at):%a %d.%m} 08:00 · Jam line"]
    page = soup(client_en.get(reverse("core:enterprise_detail", args=[family.enterprise_id])))
    abad = next(s for s in page.select("section.panel") if s.h2.get_text() == "ABAD")
    assert abad.select_one("a")["href"] == url("home", family.pk)


def test_someone_without_a_family_is_invited_to_apply(client):
    person = UserFactory(preferred_language="en")
    client.force_login(person)
    home = soup(client.get(reverse("core:portal_home")))
    panel = next(s for s in home.select("section.panel")
                 if s.h2.get_text() == "ABAD family businesses")
    assert panel.select_one("a")["href"] == reverse("families:apply")
    assert client.get(reverse("families:index")).status_code == 200
