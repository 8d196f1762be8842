"""Office hours: publishing slots, booking, cancelling (with the cut-off), the e-mails
with their .ics, the portal pages of founders and mentors, and the staff screens."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from core.models import Membership
from incubator.models import MentoringSession, OfficeHourSlot, SlotBooking
from incubator.services import (
    booking_cancel,
    booking_create,
    booking_notice_send,
    slot_cancel,
    slot_publish,
)
from tests.factories.core import UserFactory
from tests.factories.incubator import MentorFactory, SlotFactory, in_hours
from tests.incubator.conftest import (
    count_queries,
    field_errors,
    founder_of,
    messages_text,
    new_startup,
    texts,
)

pytestmark = pytest.mark.django_db


def publish(mentor, **kwargs):
    values = {"starts_at": in_hours(48), "duration_minutes": 30, "mode": "online",
              "link": "https://meet.example.az/elvin"}
    return slot_publish(mentor=mentor, actor=mentor.user, **(values | kwargs))


def refusal(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.field, caught.value.message


# --- publishing -----------------------------------------------------------------------

def test_a_mentor_publishes_an_open_slot(mentor):
    starts = in_hours(48)

    slot = publish(mentor, starts_at=starts, duration_minutes=45, mode="in_person",
                   place="INNOLAND Bakı, otaq 2", link="https://ignored.example")

    assert (slot.starts_at, slot.ends_at, slot.duration_minutes, slot.mode, slot.place,
            slot.link, slot.status) == (starts, starts + datetime.timedelta(minutes=45), 45,
                                        "in_person", "INNOLAND Bakı, otaq 2", "", "open")


def test_a_slot_in_the_past_is_refused(mentor):
    assert refusal(lambda: publish(mentor, starts_at=in_hours(-1))) == (
        "starts_at", "A slot must start in the future.")
    assert OfficeHourSlot.objects.count() == 0


def test_overlapping_slots_of_one_mentor_are_refused_but_back_to_back_are_fine(mentor):
    first = publish(mentor, starts_at=in_hours(48), duration_minutes=60)
    local = timezone.localtime(first.starts_at).strftime("%d.%m.%Y %H:%M")

    assert refusal(lambda: publish(mentor, starts_at=in_hours(48, 30))) == (
        "starts_at", f"This overlaps your slot at {local}.")
    assert refusal(lambda: publish(mentor, starts_at=in_hours(47, 45))) == (
        "starts_at", f"This overlaps your slot at {local}.")
    after = publish(mentor, starts_at=in_hours(49))
    before = publish(mentor, starts_at=in_hours(47, 30))
    other_mentor = publish(MentorFactory(), starts_at=in_hours(48, 30))

    assert [after.status, before.status, other_mentor.status] == ["open", "open", "open"]


def test_a_cancelled_slot_no_longer_blocks_its_time(mentor):
    first = publish(mentor)
    slot_cancel(slot=first, actor=mentor.user)

    assert publish(mentor).status == "open"


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"duration_minutes": 10}, ("duration_minutes", "A slot lasts from 15 to 240 minutes.")),
    ({"duration_minutes": 300}, ("duration_minutes", "A slot lasts from 15 to 240 minutes.")),
    ({"mode": "in_person", "place": "  "}, ("place", "Say where the meeting takes place.")),
    ({"link": ""}, ("link", "Give the link of the online meeting.")),
    ({"link": "javascript:alert(1)"}, ("link", "Enter a meeting link starting with https://.")),
    ({"mode": "phone"}, ("mode", "Choose online or in person.")),
    ({"starts_at": None}, ("starts_at", "Give the date and time the slot starts.")),
])
def test_bad_slots_are_refused(mentor, kwargs, expected):
    assert refusal(lambda: publish(mentor, **kwargs)) == expected
    assert OfficeHourSlot.objects.count() == 0


def test_slots_more_than_180_days_ahead_and_of_inactive_mentors_are_refused(mentor):
    assert refusal(lambda: publish(mentor, starts_at=in_hours(181 * 24))) == (
        "starts_at", "Slots can be published at most 180 days ahead.")
    mentor.is_active = False
    mentor.save()
    assert refusal(lambda: publish(mentor)) == (
        None, "Only an active mentor can publish office hours.")


# --- booking --------------------------------------------------------------------------

def test_booking_claims_the_slot_and_plans_a_session(slot, startup, founder):
    booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder,
                             topic="  Investor təqdimatı  ")

    slot.refresh_from_db()
    session = booking.session
    assert (booking.status, booking.topic, booking.booked_by, slot.status) == (
        "active", "Investor təqdimatı", founder, "booked")
    assert (session.mentor, session.startup, session.starts_at, session.duration_minutes,
            session.status) == (slot.mentor, startup, slot.starts_at, 30, "planned")


def test_a_booked_slot_cannot_be_booked_again(slot, startup, founder):
    booking_create(slot=slot, startup=startup, founder=founder, actor=founder)
    other = new_startup("Başqa")
    other_founder = founder_of(other)

    assert refusal(lambda: booking_create(slot=slot, startup=other, founder=other_founder,
                                          actor=other_founder)) == (
        None, "Someone else has just booked this slot. Please choose another one.")
    assert SlotBooking.objects.count() == 1
    assert MentoringSession.objects.count() == 1


def test_the_database_refuses_a_second_active_booking_of_a_slot(slot, startup, founder):
    from django.db import IntegrityError, transaction

    SlotBooking.objects.create(slot=slot, startup=startup, founder=founder)
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotBooking.objects.create(slot=slot, startup=startup, founder=founder)
    SlotBooking.objects.filter(slot=slot).update(status="cancelled")
    SlotBooking.objects.create(slot=slot, startup=startup, founder=founder)
    assert SlotBooking.objects.filter(slot=slot).count() == 2


def test_booking_refusals(slot, startup, founder, mentor):
    stranger = UserFactory()
    Membership.objects.create(enterprise=startup.enterprise, user=mentor.user)
    started = SlotFactory(mentor=MentorFactory(), starts_at=in_hours(-1))
    cancelled = SlotFactory(mentor=MentorFactory(), status="cancelled")

    assert refusal(lambda: booking_create(slot=slot, startup=startup, founder=stranger,
                                          actor=stranger)) == (
        "founder", f"{stranger} is not a member of Bulud Kassa.")
    assert refusal(lambda: booking_create(slot=slot, startup=startup, founder=founder,
                                          actor=founder)) == (
        "startup", "A mentor's office hours cannot be booked for their own startup.")
    assert refusal(lambda: booking_create(slot=started, startup=startup, founder=founder,
                                          actor=founder)) == (
        None, "This slot has already started. Please choose a later one.")
    assert refusal(lambda: booking_create(slot=cancelled, startup=startup, founder=founder,
                                          actor=founder)) == (
        None, "The mentor has cancelled this slot.")
    assert SlotBooking.objects.count() == 0


# --- e-mails --------------------------------------------------------------------------

def calendar_of(message):
    (name, content, mimetype), = message.attachments
    assert name == "office-hours.ics"
    return mimetype, icalendar.Calendar.from_ical(content)


def test_both_sides_get_an_email_with_the_ics_in_their_language(
        slot, startup, founder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder,
                                 topic="Qiymət")

    local = timezone.localtime(slot.starts_at)
    to_founder, to_mentor = mail.outbox
    assert (to_founder.to, to_mentor.to) == (["founder@example.az"], ["mentor@example.az"])
    assert to_founder.subject == (
        f"Office hours booked: Elvin Əliyev and Bulud Kassa, {local.day} "
        f"{local.strftime('%B')} {local.year}, {local:%H:%M}")
    ru_months = {11: "ноября", 12: "декабря", 1: "января", 2: "февраля", 3: "марта",
                 4: "апреля", 5: "мая", 6: "июня", 7: "июля", 8: "августа", 9: "сентября",
                 10: "октября"}
    assert f"{local.day} {ru_months[local.month]} {local.year}" in to_mentor.subject
    assert to_founder.body.splitlines()[0] == (
        "You have booked office hours with Elvin Əliyev for Bulud Kassa.")
    mimetype, calendar = calendar_of(to_founder)
    event, = calendar.walk("VEVENT")
    assert mimetype == "text/calendar; method=PUBLISH"
    assert (str(calendar["METHOD"]), str(event["UID"]), event.decoded("DTSTART"),
            event.decoded("DTEND"), str(event["STATUS"]), str(event["SUMMARY"]),
            str(event["LOCATION"]), str(event["DESCRIPTION"]), str(event["ATTENDEE"]),
            str(event["ORGANIZER"])) == (
        "PUBLISH", f"yuva-booking-{booking.pk}@127.0.0.1", slot.starts_at, slot.ends_at,
        "CONFIRMED", "Elvin Əliyev · Bulud Kassa", "https://meet.example.az/mentor", "Qiymət",
        "mailto:founder@example.az", "mailto:mentor@example.az")
    assert calendar_of(to_mentor)[1].to_ical() == calendar.to_ical()


def test_the_notice_job_sends_once(slot, startup, founder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder)

    assert booking_notice_send(booking_id=booking.pk, kind="booked") == 0
    assert len(mail.outbox) == 2


def test_cancelling_before_the_cut_off_reopens_the_slot_and_sends_the_cancel_ics(
        slot, startup, founder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, actor=founder, reason="Xəstəyəm")

    booking.refresh_from_db()
    slot.refresh_from_db()
    session = MentoringSession.objects.get(booking=booking)
    assert (booking.status, booking.cancelled_by, booking.cancel_reason, slot.status,
            session.status) == ("cancelled", founder, "Xəstəyəm", "open", "cancelled")
    cancel_to_founder, cancel_to_mentor = mail.outbox[2:]
    assert cancel_to_founder.subject.startswith(
        "Office hours cancelled: Elvin Əliyev and Bulud Kassa, ")
    assert "Reason: Xəstəyəm" in cancel_to_founder.body
    mimetype, calendar = calendar_of(cancel_to_founder)
    event, = calendar.walk("VEVENT")
    assert (mimetype, str(calendar["METHOD"]), str(event["STATUS"]), str(event["UID"]),
            event["SEQUENCE"]) == ("text/calendar; method=CANCEL", "CANCEL", "CANCELLED",
                                   f"yuva-booking-{booking.pk}@127.0.0.1", 1)
    assert cancel_to_mentor.to == ["mentor@example.az"]


def test_a_founder_cannot_cancel_within_24_hours_but_staff_can(
        mentor, startup, founder, staff_user):
    soon = SlotFactory(mentor=mentor, starts_at=in_hours(23, 55))
    booking = booking_create(slot=soon, startup=startup, founder=founder, actor=founder)

    assert refusal(lambda: booking_cancel(booking=booking, actor=founder)) == (
        None, "A booking can be cancelled until 24 hours before it starts. Please contact "
              "the centre.")
    booking_cancel(booking=booking, actor=staff_user, override_deadline=True)
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by) == ("cancelled", staff_user)


def test_a_founder_can_cancel_just_before_the_cut_off(mentor, startup, founder):
    later = SlotFactory(mentor=mentor, starts_at=in_hours(24, 5))
    booking = booking_create(slot=later, startup=startup, founder=founder, actor=founder)

    assert booking_cancel(booking=booking, actor=founder).status == "cancelled"


def test_the_cut_off_comes_from_the_setting(settings, mentor, startup, founder):
    settings.YUVA_OFFICE_HOURS_CANCEL_HOURS = 2
    in_three = SlotFactory(mentor=mentor, starts_at=in_hours(3))
    in_one = SlotFactory(mentor=mentor, starts_at=in_hours(1))
    first = booking_create(slot=in_three, startup=startup, founder=founder, actor=founder)
    second = booking_create(slot=in_one, startup=startup, founder=founder, actor=founder)

    assert booking_cancel(booking=first, actor=founder).status == "cancelled"
    assert refusal(lambda: booking_cancel(booking=second, actor=founder))[1] == (
        "A booking can be cancelled until 2 hours before it starts. Please contact the "
        "centre.")


def test_nobody_cancels_a_started_session_or_twice(mentor, startup, founder, staff_user):
    slot = SlotFactory(mentor=mentor, starts_at=in_hours(30))
    booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder)
    booking_cancel(booking=booking, actor=founder)

    assert refusal(lambda: booking_cancel(booking=booking, actor=founder)) == (
        None, "This booking is already cancelled.")
    OfficeHourSlot.objects.filter(pk=slot.pk).update(starts_at=in_hours(-1))
    assert refusal(lambda: booking_cancel(booking=booking, actor=staff_user,
                                          override_deadline=True)) == (
        None, "This session has already started and can no longer be cancelled.")


def test_a_mentor_cancelling_a_booked_slot_cancels_the_booking_and_tells_the_founder(
        slot, startup, founder, mentor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder)
    with django_capture_on_commit_callbacks(execute=True):
        slot_cancel(slot=slot, actor=mentor.user)

    booking.refresh_from_db()
    slot.refresh_from_db()
    assert (slot.status, booking.status, booking.cancel_reason, booking.session.status) == (
        "cancelled", "cancelled", "The mentor cancelled the slot.", "cancelled")
    assert [m.to for m in mail.outbox[2:]] == [["founder@example.az"], ["mentor@example.az"]]
    assert refusal(lambda: slot_cancel(slot=slot, actor=mentor.user)) == (
        None, "This slot is already cancelled.")


def test_no_cancellation_mail_for_a_booking_nobody_was_told_of(slot, startup, founder):
    booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder)
    booking_cancel(booking=booking, actor=founder)

    assert booking_notice_send(booking_id=booking.pk, kind="booked") == 0
    assert booking_notice_send(booking_id=booking.pk, kind="cancelled") == 0
    assert mail.outbox == []


# --- founders' portal -----------------------------------------------------------------

def slot_rows(response):
    return len(texts(response, "ul.card-list li.card"))


def test_office_hours_lists_only_bookable_slots(founder_client, mentor):
    bookable = SlotFactory(mentor=mentor, starts_at=in_hours(50))
    SlotFactory(mentor=mentor, starts_at=in_hours(-2))
    SlotFactory(mentor=mentor, starts_at=in_hours(60), status="booked")
    SlotFactory(mentor=mentor, starts_at=in_hours(70), status="cancelled")
    SlotFactory(mentor=MentorFactory(is_active=False), starts_at=in_hours(80))

    response = founder_client.get(reverse("incubator:office_hours"))

    assert [s.pk for s in response.context["slots"]] == [bookable.pk]


def test_office_hours_filters(founder_client):
    abroad = MentorFactory(location="abroad", expertise=["health", "sales"])
    baku = MentorFactory(location="baku", expertise=["fintech"])
    a = SlotFactory(mentor=abroad, starts_at=in_hours(50))
    b = SlotFactory(mentor=baku, starts_at=in_hours(51), mode="in_person", place="Otaq 1")
    url = reverse("incubator:office_hours")

    def listed(query):
        return [s.pk for s in founder_client.get(f"{url}?{query}").context["slots"]]

    assert listed("location=abroad") == [a.pk]
    assert listed("mode=in_person") == [b.pk]
    assert listed("expertise=FINTECH") == [b.pk]


def test_office_hours_listing_runs_the_same_queries_for_1_and_8_slots(founder_client, mentor):
    url = reverse("incubator:office_hours")
    SlotFactory(mentor=mentor, starts_at=in_hours(50))
    founder_client.get(url)
    one = count_queries(founder_client, url, rows=1, rows_of=slot_rows)
    for hours in range(60, 67):
        SlotFactory(mentor=MentorFactory(), starts_at=in_hours(hours))

    assert count_queries(founder_client, url, rows=8, rows_of=slot_rows) == one


def test_a_founder_books_in_the_portal_and_finds_it_under_my_sessions(
        founder_client, slot, startup):
    response = founder_client.post(reverse("incubator:slot_book", args=[slot.pk]),
                                   {"startup": startup.pk, "topic": "Qiymət siyasəti"})

    session = MentoringSession.objects.get()
    assert response["Location"] == reverse("incubator:session_detail", args=[session.pk])
    listing = founder_client.get(reverse("incubator:session_list"))
    local = timezone.localtime(slot.starts_at)
    assert texts(listing, "#my-sessions li") == [
        f"{local.day} {local:%B %Y, %H:%M} · Elvin Əliyev Bulud Kassa · 30 min Upcoming"]


def test_booking_a_slot_someone_took_meanwhile_explains_it(founder_client, slot, startup):
    other = new_startup("Sürətli")
    booking_create(slot=slot, startup=other, founder=founder_of(other),
                   actor=other.enterprise.members.get())

    response = founder_client.post(reverse("incubator:slot_book", args=[slot.pk]),
                                   {"startup": startup.pk})

    assert response.status_code == 200
    assert field_errors(response) == {
        "__all__": ["Someone else has just booked this slot. Please choose another one."]}
    get = founder_client.get(reverse("incubator:slot_book", args=[slot.pk]))
    assert get["Location"] == reverse("incubator:office_hours")


def test_a_founder_cannot_book_for_someone_elses_startup(founder_client, slot):
    other = new_startup("Başqasının")

    response = founder_client.post(reverse("incubator:slot_book", args=[slot.pk]),
                                   {"startup": other.pk})

    assert field_errors(response) == {"startup": [
        "Select a valid choice. That choice is not one of the available choices."]}
    assert SlotBooking.objects.count() == 0


def test_a_founder_cancels_from_the_session_page(founder_client, slot, startup, founder):
    booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder)
    url = reverse("incubator:session_detail", args=[booking.session.pk])
    assert texts(founder_client.get(url), "main h2") == ["Cancel the booking"]

    response = founder_client.post(reverse("incubator:session_cancel",
                                           args=[booking.session.pk]), {"reason": ""})

    assert response["Location"] == url
    page = founder_client.get(url)
    assert messages_text(page) == ["The booking was cancelled. The mentor has been told."]
    assert texts(page, "#session-status") == ["Cancelled"]


def test_after_the_cut_off_the_page_says_to_contact_the_centre(
        founder_client, mentor, startup, founder):
    soon = SlotFactory(mentor=mentor, starts_at=in_hours(5))
    booking = booking_create(slot=soon, startup=startup, founder=founder, actor=founder)

    page = founder_client.get(reverse("incubator:session_detail", args=[booking.session.pk]))
    response = founder_client.post(reverse("incubator:session_cancel",
                                           args=[booking.session.pk]), {})

    assert texts(page, "main p.muted") == [
        "The cancellation deadline has passed. To cancel, please contact the centre."]
    assert messages_text(founder_client.get(response["Location"])) == [
        "A booking can be cancelled until 24 hours before it starts. Please contact the "
        "centre."]
    assert SlotBooking.objects.get().status == "active"


def test_another_startups_session_answers_404(founder_client, slot):
    other = new_startup("Başqasının")
    other_founder = founder_of(other)
    booking = booking_create(slot=slot, startup=other, founder=other_founder,
                             actor=other_founder)
    pk = booking.session.pk

    assert founder_client.get(reverse("incubator:session_detail", args=[pk])).status_code == 404
    assert founder_client.post(reverse("incubator:session_cancel", args=[pk])).status_code == 404
    assert founder_client.post(reverse("incubator:session_rate", args=[pk]),
                               {"rating": "1"}).status_code == 404
    assert SlotBooking.objects.get().status == "active"


def test_my_sessions_runs_the_same_queries_for_1_and_6_sessions(founder_client, startup,
                                                                 founder):
    url = reverse("incubator:session_list")

    def rows(response):
        return len(texts(response, "#my-sessions li"))

    booking_create(slot=SlotFactory(starts_at=in_hours(40)), startup=startup, founder=founder,
                   actor=founder)
    founder_client.get(url)
    one = count_queries(founder_client, url, rows=1, rows_of=rows)
    for hours in range(50, 55):
        booking_create(slot=SlotFactory(starts_at=in_hours(hours)), startup=startup,
                       founder=founder, actor=founder)

    assert count_queries(founder_client, url, rows=6, rows_of=rows) == one


# --- mentors' portal ------------------------------------------------------------------

@pytest.fixture
def mentor_client(client, mentor):
    client.force_login(mentor.user)
    client.cookies["django_language"] = "en"
    return client


def local_input(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_a_mentor_publishes_a_slot_in_the_portal(mentor_client, mentor):
    starts = in_hours(30)

    response = mentor_client.post(reverse("incubator:mentor_slots"), {
        "starts_at": local_input(starts), "duration_minutes": "45", "mode": "online",
        "link": "https://meet.example.az/e"})

    assert response["Location"] == reverse("incubator:mentor_slots")
    slot = OfficeHourSlot.objects.get()
    assert (slot.mentor, slot.starts_at, slot.duration_minutes) == (mentor, starts, 45)


def test_the_portal_shows_the_services_refusal_on_the_field(mentor_client, mentor):
    SlotFactory(mentor=mentor, starts_at=in_hours(30))

    past = mentor_client.post(reverse("incubator:mentor_slots"), {
        "starts_at": local_input(in_hours(-3)), "duration_minutes": "30", "mode": "online",
        "link": "https://meet.example.az/e"})
    overlap = mentor_client.post(reverse("incubator:mentor_slots"), {
        "starts_at": local_input(in_hours(30, 15)), "duration_minutes": "30",
        "mode": "online", "link": "https://meet.example.az/e"})

    assert (past.status_code, field_errors(past)) == (
        400, {"starts_at": ["A slot must start in the future."]})
    assert list(field_errors(overlap)) == ["starts_at"]
    assert OfficeHourSlot.objects.count() == 1


def test_the_mentor_sees_who_booked_and_cancels_a_slot(mentor_client, slot, startup, founder,
                                                       mentor):
    booking_create(slot=slot, startup=startup, founder=founder, actor=founder, topic="Satış")

    page = mentor_client.get(reverse("incubator:mentor_slots"))
    response = mentor_client.post(reverse("incubator:mentor_slot_cancel", args=[slot.pk]))

    assert texts(page, "#my-slots .tag") == ["Booked by Rəşad Hüseynov (Bulud Kassa)"]
    assert response["Location"] == reverse("incubator:mentor_slots")
    assert SlotBooking.objects.get().status == "cancelled"


def test_mentor_pages_are_404_for_people_who_are_not_mentors(founder_client):
    for name in ("mentor_slots", "mentor_sessions", "mentor_startups"):
        assert founder_client.get(reverse(f"incubator:{name}")).status_code == 404


def test_a_mentor_cannot_touch_another_mentors_slot_or_session(mentor_client):
    other_slot = SlotFactory(mentor=MentorFactory())
    startup = new_startup("Başqa")
    founder = founder_of(startup)
    booking = booking_create(slot=other_slot, startup=startup, founder=founder, actor=founder)

    assert mentor_client.post(reverse("incubator:mentor_slot_cancel",
                                      args=[other_slot.pk])).status_code == 404
    assert mentor_client.get(reverse("incubator:mentor_session",
                                     args=[booking.session.pk])).status_code == 404
    assert OfficeHourSlot.objects.get().status == "booked"


def test_mentor_slots_runs_the_same_queries_for_1_and_6_slots(mentor_client, mentor):
    url = reverse("incubator:mentor_slots")

    def rows(response):
        return len(texts(response, "#my-slots li"))

    first = SlotFactory(mentor=mentor, starts_at=in_hours(30))
    startup = new_startup()
    founder = founder_of(startup)
    booking_create(slot=first, startup=startup, founder=founder, actor=founder)
    mentor_client.get(url)
    one = count_queries(mentor_client, url, rows=1, rows_of=rows)
    for hours in range(40, 45):
        slot = SlotFactory(mentor=mentor, starts_at=in_hours(hours))
        other = new_startup()
        other_founder = founder_of(other)
        booking_create(slot=slot, startup=other, founder=other_founder, actor=other_founder)

    assert count_queries(mentor_client, url, rows=6, rows_of=rows) == one


def test_mentor_sessions_runs_the_same_queries_for_1_and_6_sessions(mentor_client, mentor):
    url = reverse("incubator:mentor_sessions")

    def rows(response):
        return len(texts(response, "#mentor-sessions li"))

    def book(hours):
        startup = new_startup()
        founder = founder_of(startup)
        booking_create(slot=SlotFactory(mentor=mentor, starts_at=in_hours(hours)),
                       startup=startup, founder=founder, actor=founder)

    book(30)
    mentor_client.get(url)
    one = count_queries(mentor_client, url, rows=1, rows_of=rows)
    for hours in range(40, 45):
        book(hours)

    assert count_queries(mentor_client, url, rows=6, rows_of=rows) == one


# --- staff ----------------------------------------------------------------------------

def test_staff_book_on_a_founders_behalf(staff_client, staff_user, slot, startup, founder,
                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("incubator_admin:book_on_behalf"), {
            "slot": slot.pk, "startup": startup.pk, "founder": founder.pk, "topic": "Telefonla"})

    booking = SlotBooking.objects.get()
    assert response["Location"] == reverse("office_hour_bookings:index")
    assert (booking.founder, booking.booked_by, booking.topic) == (founder, staff_user,
                                                                   "Telefonla")
    assert [m.to for m in mail.outbox] == [["founder@example.az"], ["mentor@example.az"]]


def test_staff_cannot_book_for_someone_outside_the_startup(staff_client, slot, startup):
    outsider = founder_of(new_startup("Başqa"))

    response = staff_client.post(reverse("incubator_admin:book_on_behalf"), {
        "slot": slot.pk, "startup": startup.pk, "founder": outsider.pk})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "founder": [f"{outsider} is not a member of Bulud Kassa."]}
    assert SlotBooking.objects.count() == 0


def test_staff_cancel_a_booking_after_the_founders_deadline(staff_client, mentor, startup,
                                                            founder):
    soon = SlotFactory(mentor=mentor, starts_at=in_hours(3))
    booking = booking_create(slot=soon, startup=startup, founder=founder, actor=founder)

    response = staff_client.post(reverse("incubator_admin:booking_cancel", args=[booking.pk]),
                                 {"reason": "Mentor xəstədir"})

    booking.refresh_from_db()
    assert response["Location"] == reverse("office_hour_bookings:index")
    assert (booking.status, booking.cancel_reason) == ("cancelled", "Mentor xəstədir")


def test_staff_booking_listing_runs_the_same_queries_for_1_and_5_rows(staff_client):
    url = reverse("office_hour_bookings:index")

    def book(hours):
        startup = new_startup()
        founder = founder_of(startup)
        booking_create(slot=SlotFactory(starts_at=in_hours(hours)), startup=startup,
                       founder=founder, actor=founder)

    def rows(response):
        return len(response.context["object_list"])

    book(30)
    staff_client.get(url)
    one = count_queries(staff_client, url, rows=1, rows_of=rows)
    for hours in range(40, 44):
        book(hours)

    assert count_queries(staff_client, url, rows=5, rows_of=rows) == one


def test_staff_slot_listing_filters_by_status(staff_client, mentor):
    open_slot = SlotFactory(mentor=mentor, starts_at=in_hours(30))
    SlotFactory(mentor=mentor, starts_at=in_hours(40), status="cancelled")

    response = staff_client.get(f"{reverse('office_hour_slots:index')}?status=open")

    assert [s.pk for s in response.context["object_list"]] == [open_slot.pk]


def test_the_generic_add_screens_of_slots_and_bookings_are_closed(staff_client):
    assert staff_client.get(reverse("office_hour_slots:add")).status_code == 302
    assert staff_client.get(reverse("office_hour_bookings:add")).status_code == 302


def test_staff_listings_offer_cancelling_only_what_can_still_be_cancelled(
        staff_client, mentor, startup, founder):
    upcoming = SlotFactory(mentor=mentor, starts_at=in_hours(30))
    booking = booking_create(slot=upcoming, startup=startup, founder=founder, actor=founder)
    past = SlotFactory(mentor=mentor, starts_at=in_hours(-30))

    bookings = staff_client.get(reverse("office_hour_bookings:index")).content.decode()
    slots = staff_client.get(reverse("office_hour_slots:index")).content.decode()

    assert reverse("incubator_admin:booking_cancel", args=[booking.pk]) in bookings
    assert reverse("incubator_admin:slot_cancel", args=[upcoming.pk]) in slots
    assert reverse("incubator_admin:slot_cancel", args=[past.pk]) not in slots


def test_a_notice_that_failed_is_shown_unsent_and_staff_send_it_again(
        staff_client, slot, startup, founder, django_capture_on_commit_callbacks):
    booking = booking_create(slot=slot, startup=startup, founder=founder, actor=founder)
    # The job never ran (a broker outage, say): nothing was sent.
    listing = staff_client.get(reverse("office_hour_bookings:index")).content.decode()
    assert reverse("incubator_admin:booking_notice_retry", args=[booking.pk]) in listing

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("incubator_admin:booking_notice_retry", args=[booking.pk]))

    assert response["Location"] == reverse("office_hour_bookings:index")
    assert [m.to for m in mail.outbox] == [["founder@example.az"], ["mentor@example.az"]]
    again = staff_client.post(reverse("incubator_admin:booking_notice_retry", args=[booking.pk]))
    assert again.context["form"].non_field_errors() == [
        "The e-mails of this booking have been sent."]
    listing = staff_client.get(reverse("office_hour_bookings:index")).content.decode()
    assert reverse("incubator_admin:booking_notice_retry", args=[booking.pk]) not in listing
