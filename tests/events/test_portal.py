"""Portal pages (upcoming events for my audience, my registrations, my ticket) and the
public event page with registration for guests and signed-in people."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Enterprise
from events.models import Event, Registration
from events.services import registration_cancel, registration_check_in
from events.tickets import ticket_token
from tests.events.conftest import messages_text, soup, text_of
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.events import EventFactory, PersonFactory, TrainingFactory, in_days, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Registration.Status
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def member(kind):
    user = PersonFactory(preferred_language="en")
    MembershipFactory(enterprise=EnterpriseFactory(kind=kind), user=user)
    return user


def listed_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select("#event-list .event-title")]


@pytest.fixture
def events_for_everyone():
    EventFactory(title="Fest", audience=Event.Audience.PUBLIC, starts_at=in_days(1))
    EventFactory(title="Demo day", audience=Event.Audience.STARTUPS, starts_at=in_days(2))
    EventFactory(title="Jam training", audience=Event.Audience.FAMILIES, starts_at=in_days(3))
    EventFactory(title="Draft", status=Event.Status.DRAFT)
    EventFactory(title="Past", starts_at=in_days(-3), ends_at=in_days(-3) + datetime.timedelta(
        hours=1))


@pytest.mark.parametrize("who, expected", [
    ("founder", ["Fest", "Demo day"]),
    ("family", ["Fest", "Jam training"]),
    ("both", ["Fest", "Demo day", "Jam training"]),
    ("other", ["Fest"]),
])
def test_upcoming_events_for_my_audience(client, events_for_everyone, who, expected):
    user = {"founder": lambda: member(Enterprise.Kind.STARTUP),
            "family": lambda: member(Enterprise.Kind.FAMILY),
            "other": lambda: PersonFactory(preferred_language="en")}.get(who)
    if user is None:
        user = member(Enterprise.Kind.STARTUP)
        MembershipFactory(enterprise=EnterpriseFactory(kind=Enterprise.Kind.FAMILY), user=user)
    else:
        user = user()
    client.force_login(user)
    response = client.get(reverse("events:upcoming"))
    assert listed_titles(response) == expected


def test_the_upcoming_list_runs_a_constant_number_of_queries(client):
    user = member(Enterprise.Kind.FAMILY)
    client.force_login(user)

    def count(size):
        Event.objects.all().delete()
        for index in range(size):
            event = EventFactory(title=f"Event {index}", starts_at=in_days(index + 1))
            if index % 2:
                register(event, user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("events:upcoming"))
        assert len(listed_titles(response)) == size
        return len(queries)

    assert count(1) == count(9)


def test_the_upcoming_list_shows_my_registration_and_places(client):
    user = member(Enterprise.Kind.STARTUP)
    mine = EventFactory(title="Mine", starts_at=in_days(1))
    register(mine, user)
    full = EventFactory(title="Full", capacity=1, starts_at=in_days(2))
    register(full)
    EventFactory(title="Open", capacity=5, starts_at=in_days(3))
    client.force_login(user)
    response = client.get(reverse("events:upcoming"))
    tags = [" ".join(li.select_one(".event-tags").get_text(" ").split())
            for li in soup(response).select("#event-list li")]
    assert tags == ["Meetup Everyone You are registered", "Meetup Everyone Full: waiting list",
                    "Meetup Everyone 5 places left"]


def test_my_registrations_and_certificate_links(client):
    user = PersonFactory(preferred_language="en")
    coming = EventFactory(title="Coming")
    register(coming, user)
    past = EventFactory(title="Held")
    registration = register(past, user)
    registration_check_in(event=past, actor=user, code=registration.ticket_code)
    Event.objects.filter(pk=past.pk).update(starts_at=in_days(-5),
                                            ends_at=in_days(-5) + datetime.timedelta(hours=2))
    register(EventFactory(title="Someone else's"))
    client.force_login(user)
    response = client.get(reverse("events:mine"))
    assert [a.get_text() for a in soup(response).select("#upcoming-registrations li > a")] == [
        "Coming"]
    assert [a.get_text() for a in soup(response).select("#past-registrations li > a")] == ["Held"]
    assert text_of(response, "#past-registrations .badge") == "Attended"


def test_my_registrations_run_a_constant_number_of_queries(client):
    user = PersonFactory()
    client.force_login(user)

    def count(size):
        for _ in range(size):
            register(EventFactory(), user, guests=[("B", f"b{_}@example.az")])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("events:mine"))
        assert response.status_code == 200
        return len(queries)

    assert count(1) == count(6)


def test_a_guest_registration_is_mine_once_i_have_an_account(client):
    event = EventFactory(title="Fest")
    registration = register(event, name="Aysel", email="aysel@example.az")
    user = PersonFactory(email="aysel@example.az")
    client.force_login(user)
    response = client.get(reverse("events:registration", args=[registration.pk]))
    assert response.status_code == 200
    assert text_of(response, "#ticket-code") == registration.ticket_code_display


def test_my_ticket_page_and_qr(client):
    user = PersonFactory()
    registration = register(EventFactory(), user, guests=[("Elşən", "elshan@example.az")])
    client.force_login(user)
    response = client.get(reverse("events:registration", args=[registration.pk]), **EN)
    assert text_of(response, "#ticket-code") == registration.ticket_code_display
    assert text_of(response, ".ticket-status") == "Confirmed 2 people"
    qr = client.get(reverse("events:registration_qr", args=[registration.pk]))
    assert (qr.status_code, qr["Content-Type"], qr.content[:4]) == (200, "image/png",
                                                                     b"\x89PNG")


def test_another_persons_registration_is_404(client):
    registration = register(EventFactory())
    client.force_login(PersonFactory())
    for name in ("events:registration", "events:registration_qr"):
        assert client.get(reverse(name, args=[registration.pk])).status_code == 404
    assert client.post(reverse("events:cancel", args=[registration.pk])).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == S.CONFIRMED


def test_cancelling_from_the_portal(client):
    user = PersonFactory()
    registration = register(EventFactory(), user)
    client.force_login(user)
    response = client.post(reverse("events:cancel", args=[registration.pk]), follow=True, **EN)
    assert messages_text(response) == ["Your registration is cancelled."]
    registration.refresh_from_db()
    assert (registration.status, registration.cancel_reason) == (S.CANCELLED, "by_person")


def test_taking_an_offered_place_from_the_portal(client):
    event = EventFactory(capacity=1)
    holder = register(event)
    user = PersonFactory()
    waiting = register(event, user)
    registration_cancel(registration=holder)
    client.force_login(user)
    response = client.get(reverse("events:registration", args=[waiting.pk]), **EN)
    assert soup(response).select_one(".ticket form button").get_text() == "Take the place"
    response = client.post(reverse("events:offer_accept", args=[waiting.pk]), follow=True, **EN)
    assert messages_text(response) == ["The place is yours. Your ticket is on its way by e-mail."]
    assert Registration.objects.get(pk=waiting.pk).status == S.CONFIRMED


def test_the_portal_home_shows_my_events(client):
    user = PersonFactory()
    register(EventFactory(title="Start-up Fest"), user)
    client.force_login(user)
    response = client.get(reverse("core:portal_home"), **EN)
    panel = soup(response).find("h2", string="My events").find_parent("section")
    assert [a.get_text() for a in panel.select("li > a")] == ["Start-up Fest"]


# --- the public event page -----------------------------------------------------------------

def detail(event):
    return reverse("events_public:detail", args=[event.pk])


def test_a_guest_registers_on_the_public_page(client, clean_cache, mailoutbox,
                                              django_capture_on_commit_callbacks):
    event = EventFactory(title="Fest", capacity=10, max_group_size=3)
    data = {"name": "Aysel Məmmədova", "email": "aysel@example.az", "gender": "female",
            "people-TOTAL_FORMS": "2", "people-INITIAL_FORMS": "0",
            "people-0-name": "Elnur Mirzəyev", "people-0-email": "elnur@example.az",
            "people-0-gender": "", "people-1-name": "", "people-1-email": "",
            "people-1-gender": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail(event), data, **EN)
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/events/tickets/{ticket_token(registration)}/"
    assert (registration.name, registration.email, registration.user, registration.size) == (
        "Aysel Məmmədova", "aysel@example.az", None, 2)
    assert list(registration.attendees.values_list("gender", flat=True)) == ["female", ""]
    assert [m.subject for m in mailoutbox] == ["Your ticket: Fest"]
    response = client.get(response["Location"], **EN)
    assert text_of(response, "#ticket-code") == registration.ticket_code_display


def test_the_public_page_shows_the_agenda_with_speakers(client):
    from events.models import AgendaItem, Speaker

    event = EventFactory(title="Fest")
    speaker = Speaker.objects.create(name="Rəşad Hüseynov", affiliation="PulQabı")
    item = AgendaItem.objects.create(event=event, starts_at=datetime.time(10),
                                     ends_at=datetime.time(11), title="Açılış", sort_order=0)
    item.speakers.add(speaker)
    item.save()
    response = client.get(detail(event), **EN)
    assert text_of(response, ".agenda-list li") == "10:00–11:00 Açılış Rəşad Hüseynov (PulQabı)"


@pytest.mark.parametrize("field, value, message", [
    ("email", "not-an-email", "Enter a valid email address."),
    ("name", "", "This field is required."),
])
def test_bad_guest_input_is_shown(client, clean_cache, field, value, message):
    event = EventFactory()
    data = {"name": "Aysel", "email": "aysel@example.az", "people-TOTAL_FORMS": "3",
            "people-INITIAL_FORMS": "0", field: value}
    response = client.post(detail(event), data, **EN)
    assert response.status_code == 400
    assert [li.get_text() for li in soup(response).select(f"#id_{field}_error li")] == [message]
    assert Registration.objects.count() == 0


def test_a_companion_without_email_is_refused(client, clean_cache):
    event = EventFactory()
    data = {"name": "Aysel", "email": "aysel@example.az", "people-TOTAL_FORMS": "3",
            "people-INITIAL_FORMS": "0", "people-0-name": "Elnur"}
    response = client.post(detail(event), data, **EN)
    assert response.status_code == 400
    assert [li.get_text() for li in soup(response).select("#id_people-0-email_error li")] == [
        "Give this person's e-mail: their certificate goes there."]


def test_guest_registration_is_rate_limited(client, clean_cache):
    event = EventFactory(capacity=50)
    for index in range(10):
        response = client.post(detail(event), {"name": f"Q {index}",
                                               "email": f"q{index}@example.az",
                                               "people-TOTAL_FORMS": "0",
                                               "people-INITIAL_FORMS": "0"}, **EN)
        assert response.status_code == 302
    response = client.post(detail(event), {"name": "Q", "email": "q@example.az",
                                           "people-TOTAL_FORMS": "0",
                                           "people-INITIAL_FORMS": "0"}, **EN)
    assert response.status_code == 429
    assert messages_text(response)[-1:] == [
        "Too many registrations from here in a short time. Please try again in an hour."]
    assert Registration.objects.count() == 10


def test_a_signed_in_person_registers_on_the_public_page(client, clean_cache):
    startup = EnterpriseFactory(kind=Enterprise.Kind.STARTUP, name="PulQabı")
    user = PersonFactory(full_name="Rəşad Hüseynov")
    MembershipFactory(enterprise=startup, user=user)
    event = EventFactory(audience=Event.Audience.STARTUPS, max_group_size=1)
    client.force_login(user)
    response = client.get(detail(event), **EN)
    assert [o.get_text() for o in soup(response).select("#id_enterprise option")] == [
        "Myself only", "PulQabı"]
    assert soup(response).select("input[name=email]") == []
    response = client.post(detail(event), {"enterprise": startup.pk, "gender": "male"}, **EN)
    registration = Registration.objects.get()
    assert response["Location"] == reverse("events:registration", args=[registration.pk])
    assert (registration.user, registration.enterprise, registration.email) == (
        user, startup, user.email)
    response = client.get(detail(event), **EN)
    assert text_of(response, "#register p").startswith("You are registered: Confirmed.")


@pytest.mark.parametrize("make, message", [
    (lambda: EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1)),
     "Registration for this event closed on "),
    (lambda: EventFactory(starts_at=in_days(-1), ends_at=in_days(-1) + datetime.timedelta(
        hours=1)), "This event has already taken place."),
    (lambda: TrainingFactory(), "This event is for the family businesses in our programmes."),
])
def test_the_page_says_why_one_cannot_register(client, clean_cache, make, message):
    event = make()
    response = client.get(detail(event), **EN)
    assert text_of(response, "#register .verdict").startswith(message)
    response = client.post(detail(event), {"name": "A", "email": "a@example.az"}, **EN)
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_the_ticket_link_cancels_without_login(client):
    event = EventFactory(capacity=1)
    registration = register(event)
    waiting = register(event)
    token = ticket_token(registration)
    response = client.post(f"/events/tickets/{token}/cancel/", follow=True, **EN)
    assert messages_text(response) == ["Your registration is cancelled."]
    assert Registration.objects.get(pk=registration.pk).status == S.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == S.OFFERED


def test_a_forged_ticket_link_is_404(client):
    registration = register(EventFactory())
    token = ticket_token(registration)
    assert client.get(f"/events/tickets/{token[:-2]}xx/").status_code == 404
    assert client.post(f"/events/tickets/{token}x/cancel/").status_code == 404
    assert client.get("/events/tickets/nonsense/qr.png").status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == S.CONFIRMED


def test_a_draft_event_is_not_public(client):
    assert client.get(detail(EventFactory(status=Event.Status.DRAFT))).status_code == 404


def test_the_offer_link_takes_or_declines_the_place_without_login(client):
    event = EventFactory(capacity=1)
    holders = [register(event)]
    first, second = register(event), register(event)
    registration_cancel(registration=holders[0])
    token = ticket_token(first)
    response = client.get(f"/events/tickets/{token}/", **EN)
    assert [b.get_text() for b in soup(response).select(".ticket .actions button")] == [
        "Take the place", "Decline"]
    response = client.post(f"/events/tickets/{token}/decline/", follow=True, **EN)
    assert messages_text(response) == [
        "You declined the place; it goes to the next person waiting."]
    assert Registration.objects.get(pk=second.pk).status == S.OFFERED
    response = client.post(f"/events/tickets/{ticket_token(second)}/accept/", follow=True, **EN)
    assert messages_text(response) == ["The place is yours. Your ticket is on its way by e-mail."]
    assert Registration.objects.get(pk=second.pk).status == S.CONFIRMED
    qr = client.get(f"/events/tickets/{ticket_token(second)}/qr.png")
    assert (qr.status_code, qr["Content-Type"]) == (200, "image/png")
    assert client.get(f"/events/tickets/{token}/qr.png").status_code == 404  # no ticket
