"""Staff screens in the Wagtail admin: events (with agenda, saved through the service),
registrations per event with export, the approval queue, the event overview with its
report and post-event actions, and the report per period."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Feedback
from core.services import feedback_record
from events.models import AgendaItem, Event, Registration, Speaker, StaffMessage
from events.services import registration_check_in
from tests.events.conftest import soup, text_of
from tests.factories import CentreFactory
from tests.factories.events import EventFactory, PersonFactory, in_days, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Registration.Status
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def manager():
    user = PersonFactory(is_staff=True, full_name="Aysel Məmmədova", preferred_language="en")
    user.groups.add(Group.objects.get(name="Event managers"))
    return user


@pytest.fixture
def staff_client(client, manager):
    client.force_login(manager)
    return client


def admin_messages(response):
    return [str(message) for message in response.context["messages"]]


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def past(event, days=3):
    Event.objects.filter(pk=event.pk).update(starts_at=in_days(-days),
                                             ends_at=in_days(-days) + datetime.timedelta(hours=3))
    event.refresh_from_db()
    return event


# --- events -----------------------------------------------------------------------------------

def test_the_event_listing_filters_and_runs_constant_queries(staff_client):
    def count(size):
        centre = CentreFactory()
        for index in range(size):
            event = EventFactory(title=f"Event {index}", kind=Event.Kind.WORKSHOP, centre=centre)
            register(event, guests=[("B", f"b{index}-{event.pk}@example.az")])
        EventFactory(title="A training", kind=Event.Kind.TRAINING, centre=centre)
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse("event_admin:index")
                                        + f"?kind=workshop&centre={centre.pk}")
        assert response.status_code == 200
        assert len(response.context["object_list"]) == size
        return len(queries)

    assert count(1) == count(8)


def test_the_event_listing_filters_by_audience_centre_and_date(staff_client):
    guba = CentreFactory(name="ABAD Guba")
    EventFactory(title="Jam", audience=Event.Audience.FAMILIES, centre=guba,
                 starts_at=in_days(5))
    EventFactory(title="Fest", starts_at=in_days(40),
                 ends_at=in_days(40) + datetime.timedelta(hours=2))
    index = reverse("event_admin:index")

    def titles(query):
        response = staff_client.get(index + query)
        return sorted(e.title for e in response.context["object_list"])

    assert titles("?audience=families") == ["Jam"]
    assert titles(f"?centre={guba.pk}") == ["Jam"]
    day = timezone.localdate() + datetime.timedelta(days=30)
    assert titles(f"?starts_at_from={day:%Y-%m-%d}") == ["Fest"]
    assert titles(f"?starts_at_to={day:%Y-%m-%d}") == ["Jam"]


def test_the_event_export(staff_client):
    event = EventFactory(title="Fest", capacity=10)
    register(event, guests=[("B", "b@example.az")])
    register(EventFactory(title="Other"))
    response = staff_client.get(reverse("event_admin:index") + "?export=csv&q=Fest")
    rows = csv_rows(response)
    assert rows[0][:3] == ["Title", "Kind", "Audience"]
    assert [(r[0], r[9], r[10]) for r in rows[1:]] == [("Fest", "10", "2")]


def agenda_form(**overrides):
    day = timezone.localdate() + datetime.timedelta(days=20)
    data = {
        "title": "Start-up Fest", "kind": "festival", "audience": "public",
        "status": "published", "language": "az", "centre": str(CentreFactory().pk),
        "room": "Böyük zal", "online_url": "", "starts_at": f"{day:%Y-%m-%d} 10:00",
        "ends_at": f"{day:%Y-%m-%d} 18:00", "registration_opens_at": "",
        "registration_closes_at": "", "capacity": "300", "max_group_size": "4",
        "description": "İlin festivalı",
        "agenda_items-TOTAL_FORMS": "1", "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-MIN_NUM_FORMS": "0", "agenda_items-MAX_NUM_FORMS": "1000",
        "agenda_items-0-starts_at": "10:00", "agenda_items-0-ends_at": "10:30",
        "agenda_items-0-title": "Açılış", "agenda_items-0-description": "",
        "agenda_items-0-ORDER": "1", "agenda_items-0-DELETE": "", "agenda_items-0-id": "",
    }
    data.update(overrides)
    return data


def test_creating_an_event_with_its_agenda_and_speakers(staff_client, manager):
    speaker = Speaker.objects.create(name="Rəşad Hüseynov")
    response = staff_client.post(reverse("event_admin:add"),
                                 agenda_form(**{"agenda_items-0-speakers": [speaker.pk]}))
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert (event.title, event.capacity, event.seats_taken) == ("Start-up Fest", 300, 0)
    item = AgendaItem.objects.get()
    assert (item.event, item.title, list(item.speakers.all())) == (event, "Açılış", [speaker])
    from wagtail.models import ModelLogEntry

    assert list(ModelLogEntry.objects.filter(object_id=str(event.pk))
                .values_list("action", "user")) == [("wagtail.create", manager.pk)]


def test_the_form_refuses_a_capacity_below_the_places_taken(staff_client):
    event = EventFactory(capacity=5)
    register(event, guests=[("B", "b@example.az"), ("C", "c@example.az")])
    data = agenda_form(title=event.title, centre=str(event.centre_id), capacity="2",
                       **{"agenda_items-TOTAL_FORMS": "0"})
    response = staff_client.post(reverse("event_admin:edit", args=[event.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "3 places are already taken; the capacity cannot be lower."]
    event.refresh_from_db()
    assert event.capacity == 5


def test_an_event_cannot_be_deleted(staff_client, client):
    event = EventFactory()
    superuser = PersonFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    response = client.post(reverse("event_admin:delete", args=[event.pk]))
    assert response.status_code in (302, 403)
    assert Event.objects.filter(pk=event.pk).exists()


# --- registrations ------------------------------------------------------------------------------

def test_registrations_of_an_event_with_export(staff_client):
    event = EventFactory(title="Fest")
    first = register(event, name="Aysel Məmmədova", email="aysel@example.az",
                     guests=[("Leyla Əliyeva", "leyla@example.az", "female")])
    register(EventFactory(title="Other"), name="Not listed", email="x@example.az")
    index = reverse("event_registrations:index")
    response = staff_client.get(f"{index}?event={event.pk}")
    assert [r.name for r in response.context["object_list"]] == ["Aysel Məmmədova"]
    rows = csv_rows(staff_client.get(f"{index}?event={event.pk}&export=csv"))
    assert rows[0] == ["Event", "Ticket code", "Name", "E-mail", "People", "People", "Women",
                       "Enterprise", "Status", "Attendance", "Registered", "Confirmed",
                       "Cancelled", "Checked in", "Language"]
    assert rows[1][:9] == ["Fest", first.ticket_code, "Aysel Məmmədova", "aysel@example.az",
                           "Aysel Məmmədova, Leyla Əliyeva", "2", "1", "", "Confirmed"]


def test_the_registrations_listing_runs_constant_queries(staff_client, manager):
    def count(size):
        event = EventFactory(capacity=100)
        for index in range(size):
            registration = register(event, guests=[("B", f"b{index}-{event.pk}@example.az")])
            registration_check_in(event=event, actor=manager, code=registration.ticket_code)
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse("event_registrations:index")
                                        + f"?event={event.pk}")
        assert len(response.context["object_list"]) == size
        return len(queries)

    assert count(1) == count(7)


def test_registrations_are_read_only_in_the_generic_screens(staff_client):
    registration = register(EventFactory())
    assert staff_client.get(reverse("event_registrations:edit",
                                    args=[registration.pk])).status_code == 302
    assert staff_client.get(reverse("event_registrations:inspect",
                                    args=[registration.pk])).status_code == 200


def test_staff_cancel_a_registration(staff_client):
    event = EventFactory(capacity=1)
    registration = register(event)
    waiting = register(event)
    url = reverse("events_staff:registration_cancel", args=[registration.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, follow=True)
    assert admin_messages(response) == [f"{registration.name}'s registration was cancelled."]
    registration.refresh_from_db()
    assert (registration.status, registration.cancel_reason) == (S.CANCELLED, "by_staff")
    assert Registration.objects.get(pk=waiting.pk).status == S.OFFERED


# --- the approval queue ---------------------------------------------------------------------------

def test_the_approval_queue(staff_client, manager, mailoutbox,
                            django_capture_on_commit_callbacks):
    event = EventFactory(title="Workshop", requires_approval=True, capacity=5)
    first = register(event, name="Tofiq Qafarov", email="tofiq@example.az")
    second = register(event, name="Vüsal Paşayev", email="vusal@example.az",
                      guests=[("Lalə Paşayeva", "lala@example.az")])
    register(EventFactory(), name="Confirmed", email="c@example.az")
    response = staff_client.get(reverse("events_staff:approvals"))
    assert [r.name for r in response.context["registrations"]] == ["Tofiq Qafarov",
                                                                    "Vüsal Paşayev"]
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("events_staff:registration_approve", args=[first.pk]))
        staff_client.post(reverse("events_staff:registration_decline", args=[second.pk]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.decided_by) == (S.CONFIRMED, manager)
    assert (second.status, second.decided_by) == (S.DECLINED, manager)
    assert [(m.to[0], m.subject) for m in mailoutbox] == [
        ("tofiq@example.az", "Your ticket: Workshop"),
        ("vusal@example.az", "Registration not approved: Workshop")]
    event.refresh_from_db()
    assert event.seats_taken == 1


def test_the_approval_queue_runs_constant_queries(staff_client):
    def count(size):
        event = EventFactory(requires_approval=True, capacity=100)
        for index in range(size):
            register(event, guests=[("B", f"b{index}-{event.pk}@example.az")])
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse("events_staff:approvals")
                                        + f"?event={event.pk}")
        assert len(response.context["registrations"]) == size
        return len(queries)

    assert count(1) == count(6)


def test_approving_needs_the_permission(client):
    event = EventFactory(requires_approval=True)
    registration = register(event)
    viewer = PersonFactory(is_staff=True)
    viewer.groups.add(Group.objects.get(name="Programme managers"))
    client.force_login(viewer)
    client.post(reverse("events_staff:registration_approve", args=[registration.pk]))
    assert Registration.objects.get(pk=registration.pk).status == S.PENDING_APPROVAL


# --- the event overview: report and post-event actions --------------------------------------------

@pytest.fixture
def held(manager):
    event = EventFactory(title="Mürəbbə təlimi", capacity=10)
    came = register(event, PersonFactory(email="gunel@example.az"),
                    guests=[("Elşən", "elshan@example.az", "male"),
                            ("Nərgiz", "nergiz@example.az", "female")])
    Registration.objects.filter(pk=came.pk).update()
    came.attendees.filter(position=0).update(gender="female")
    absent = register(event, name="Nərmin", email="nermin@example.az")
    for registration in (came,):
        registration_check_in(event=event, actor=manager, code=registration.ticket_code)
    past(event)
    return event, came, absent


def test_the_overview_reports_the_event(staff_client, held):
    event, came, _absent = held
    feedback_record(author=came.user, service=Feedback.Service.EVENT, rating=4, subject=event,
                    centre=event.centre)
    feedback_record(author=None, service=Feedback.Service.EVENT, rating=5, subject=event,
                    centre=event.centre)
    staff_client.post(reverse("events_staff:overview", args=[event.pk]),
                      {"action": "no_shows"})
    response = staff_client.get(reverse("events_staff:overview", args=[event.pk]))
    assert response.status_code == 200
    assert text_of(response, "#figure-registered") == "4"
    assert text_of(response, "#figure-attended") == "3"
    assert text_of(response, "#figure-no-shows") == "1 (25.0 %)"
    assert text_of(response, "#figure-satisfaction") == "4.5 (2 answers)"
    assert text_of(response, "#figure-women") == "66.7 % (2 of 3 who gave their gender)"


def test_post_event_actions_from_the_overview(staff_client, held, mailoutbox,
                                              django_capture_on_commit_callbacks):
    event, came, absent = held
    url = reverse("events_staff:overview", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"action": "certificates", "signatory_name": "Səbinə İsmayılova",
                                "signatory_title": ""})
    response = staff_client.get(url)
    assert admin_messages(response) == [
        "3 certificates of attendance are being made and e-mailed."]
    assert text_of(response, "#certificate-batch").startswith("Batch: Done, 3 of 3 made.")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"action": "survey"}, follow=True)
    assert admin_messages(response) == ["The survey is going to 1 attendee."]
    assert [m.to[0] for m in mailoutbox] == ["gunel@example.az"]
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"action": "no_shows"})
        staff_client.post(url, {"action": "message", "group": "no_show",
                                "subject": "Darıxdıq", "body": "Növbəti dəfə!"})
    response = staff_client.get(url)
    assert admin_messages(response) == ["1 registration marked as a no-show.",
                                        "Your message is going to 1 registration."]
    assert mailoutbox[-1].to == ["nermin@example.az"]
    assert text_of(response, "#staff-messages tbody tr").startswith(
        "Darıxdıq Did not come 1 / 1 0")
    assert StaffMessage.objects.get().created_by.full_name == "Aysel Məmmədova"


def test_a_bad_message_form_shows_its_errors(staff_client, held):
    event, _came, _absent = held
    response = staff_client.post(reverse("events_staff:overview", args=[event.pk]),
                                 {"action": "message", "group": "attended", "subject": "",
                                  "body": ""})
    assert response.status_code == 400
    assert response.context["message_form"].errors == {
        "subject": ["This field is required."], "body": ["This field is required."]}


def test_post_event_actions_wait_for_the_end(staff_client):
    event = EventFactory()
    response = staff_client.post(reverse("events_staff:overview", args=[event.pk]),
                                 {"action": "survey"}, follow=True)
    assert admin_messages(response) == ["The survey is sent once the event is over."]


def test_cancelling_an_event_tells_everyone(staff_client, mailoutbox,
                                            django_capture_on_commit_callbacks):
    event = EventFactory(title="Fest", capacity=1)
    confirmed = register(event)
    waiting = register(event)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("events_staff:event_cancel", args=[event.pk]))
    event.refresh_from_db()
    assert (event.status, event.seats_taken) == (Event.Status.CANCELLED, 0)
    assert sorted(Registration.objects.values_list("cancel_reason", flat=True)) == [
        "event_cancelled", "event_cancelled"]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.email, waiting.email])
    assert {m.subject for m in mailoutbox} == {"Event cancelled: Fest"}


# --- the report per period ------------------------------------------------------------------------

def test_the_report_per_period(staff_client, manager):
    guba = CentreFactory(name="Guba")
    first = EventFactory(title="Jam 1", centre=guba)
    came = register(first, guests=[("W", "w@example.az", "female")])
    came.attendees.filter(position=0).update(gender="male")
    register(first)
    registration_check_in(event=first, actor=manager, code=came.ticket_code)
    past(first, days=10)
    from events.services import event_mark_no_shows

    event_mark_no_shows(event=first)
    feedback_record(author=None, service="event", rating=3, subject=first, centre=guba)
    second = EventFactory(title="Jam 2", centre=guba)
    register(second)
    past(second, days=5)
    event_mark_no_shows(event=second)
    EventFactory(title="Elsewhere")
    start = timezone.localdate() - datetime.timedelta(days=30)
    end = timezone.localdate()
    url = (reverse("events_report:index")
           + f"?starts_at_from={start:%Y-%m-%d}&starts_at_to={end:%Y-%m-%d}&centre={guba.pk}")
    response = staff_client.get(url)
    assert response.status_code == 200
    assert [e.title for e in response.context["object_list"]] == ["Jam 1", "Jam 2"]
    assert text_of(response, "#report-totals") == (
        "Events 2 Registered 4 Attended 2 No-shows 2 (50.0 %) Satisfaction (1–5) 3.0 "
        "(1 answer) Women among attendees 50.0 % (1 of 2 who gave their gender)")
    rows = csv_rows(staff_client.get(url + "&export=csv"))
    assert rows[0][:4] == ["Event", "Date", "Centre", "Kind"]
    assert [(r[0], r[6], r[8], r[9], r[10], r[11], r[15]) for r in rows[1:]] == [
        ("Jam 1", "3", "2", "1", "33.3", "3.0", "50.0"),
        ("Jam 2", "1", "0", "1", "100.0", "", "")]


def test_the_report_runs_constant_queries(staff_client, manager):
    def count(size):
        centre = CentreFactory()
        for _ in range(size):
            event = EventFactory(centre=centre)
            registration = register(event)
            registration_check_in(event=event, actor=manager, code=registration.ticket_code)
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse("events_report:index") + f"?centre={centre.pk}")
        assert len(response.context["object_list"]) == size
        return len(queries)

    assert count(1) == count(5)


def test_the_report_needs_the_permission(client):
    client.force_login(PersonFactory(is_staff=True))
    response = client.get(reverse("events_report:index"))
    assert response.status_code == 302
    assert soup(client.get(response["Location"])).select("#report-totals") == []


def test_the_form_cannot_cancel_or_reopen_an_event(staff_client):
    event = EventFactory()
    data = agenda_form(title=event.title, centre=str(event.centre_id), status="cancelled",
                       **{"agenda_items-TOTAL_FORMS": "0"})
    response = staff_client.post(reverse("event_admin:edit", args=[event.pk]), data)
    assert response.context["form"].errors["status"] == [
        "To cancel an event, use “Cancel the event” on its overview page: it tells everyone "
        "registered."]
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    data["status"] = "published"
    response = staff_client.post(reverse("event_admin:edit", args=[event.pk]), data)
    assert response.context["form"].errors["status"] == [
        "A cancelled event stays cancelled; create a new one instead."]


def test_the_admin_menu_and_screens_render(staff_client):
    event = EventFactory(requires_approval=True)
    register(event)
    for url in (reverse("wagtailadmin_home"), reverse("event_admin:index"),
                reverse("event_admin:add"), reverse("event_admin:edit", args=[event.pk]),
                reverse("event_registrations:index"), reverse("event_speakers:index"),
                reverse("events_staff:approvals"), reverse("events_report:index"),
                reverse("events_staff:overview", args=[event.pk]),
                reverse("events_staff:event_cancel", args=[event.pk])):
        assert staff_client.get(url).status_code == 200, url
    menu = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Events", "Registrations", "Approval queue", "Report", "Speakers"):
        assert label in menu


def test_failed_emails_are_retried_from_the_overview(staff_client, settings,
                                                     django_capture_on_commit_callbacks):
    from events.models import RegistrationEmail

    event = EventFactory()
    settings.EMAIL_BACKEND = "tests.events.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    url = reverse("events_staff:overview", args=[event.pk])
    assert text_of(staff_client.get(url), "#email-counts") == "0 sent, 0 waiting, 1 failed."
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"action": "retry_emails"})
    response = staff_client.get(url)
    assert admin_messages(response) == ["1 e-mail queued again."]
    assert text_of(response, "#email-counts") == "1 sent, 0 waiting, 0 failed."
    assert RegistrationEmail.objects.get().status == "sent"
