"""Check-in at the door: the service's refusals, and the mobile staff page (code,
name search, live counts, permissions, constant queries)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.errors import DomainError
from events.models import Registration
from events.services import registration_cancel, registration_check_in
from tests.events.conftest import messages_text, soup, text_of
from tests.factories.events import EventFactory, PersonFactory, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
A = Registration.Attendance


@pytest.fixture
def door():
    """A member of the Event managers group (staff, with the check-in permission)."""
    user = PersonFactory(is_staff=True, full_name="Aysel Məmmədova", preferred_language="en")
    user.groups.add(Group.objects.get(name="Event managers"))
    return user


def test_check_in_marks_attended(door):
    event = EventFactory()
    registration = register(event)
    result = registration_check_in(event=event, actor=door, code=registration.ticket_code)
    registration.refresh_from_db()
    assert result.registration_id == registration.pk
    assert registration.attendance == A.ATTENDED
    assert registration.checked_in_by == door
    assert registration.checked_in_at is not None


def test_a_code_is_accepted_however_it_is_typed(door):
    event = EventFactory()
    registration = register(event)
    code = registration.ticket_code
    typed = f" {code[:5].lower()}-{code[5:].lower()} "
    registration_check_in(event=event, actor=door, code=typed)
    registration.refresh_from_db()
    assert registration.attendance == A.ATTENDED


def test_a_second_check_in_is_refused_with_when_and_by_whom(door):
    event = EventFactory()
    registration = register(event, name="Leyla Əliyeva", email="leyla@example.az")
    registration_check_in(event=event, actor=door, code=registration.ticket_code)
    first = Registration.objects.get(pk=registration.pk).checked_in_at
    with pytest.raises(DomainError) as error:
        registration_check_in(event=event, actor=PersonFactory(), code=registration.ticket_code)
    from events.formatting import when_text

    assert error.value.message == (f"Leyla Əliyeva was already checked in at {when_text(first)} "
                                   "by Aysel Məmmədova. Not counted again.")
    registration.refresh_from_db()
    assert (registration.checked_in_at, registration.checked_in_by) == (first, door)


def test_an_unknown_code_is_refused(door):
    event = EventFactory()
    register(event)
    with pytest.raises(DomainError) as error:
        registration_check_in(event=event, actor=door, code="AAAAA-BBBBB")
    assert error.value.message == "No ticket has this code. Check it, or search by name."


@pytest.mark.parametrize("code", ["K7M2P-Q9XA0", "12345", "K7M2PQ9XARR", "<script>"])
def test_a_forged_code_is_refused_as_not_a_ticket_code(door, code):
    event = EventFactory()
    with pytest.raises(DomainError) as error:
        registration_check_in(event=event, actor=door, code=code)
    assert error.value.message == (f"“{code}” is not a ticket code. A ticket code has 10 "
                                   "letters and digits, e.g. K7M2P-Q9XAR.")


def test_another_events_ticket_is_refused(door):
    event = EventFactory()
    other = EventFactory(title="Demo Day")
    registration = register(other)
    with pytest.raises(DomainError) as error:
        registration_check_in(event=event, actor=door, code=registration.ticket_code)
    assert error.value.message == "This ticket is for another event: Demo Day."
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_no_place_no_check_in(door):
    event = EventFactory(capacity=1)
    holder = register(event, name="Birinci", email="one@example.az")
    waiting = register(event, name="Nərmin", email="nermin@example.az")
    with pytest.raises(DomainError) as error:
        registration_check_in(event=event, actor=door, code=waiting.ticket_code)
    assert error.value.message == "Nərmin is on the waiting list and has no place."
    registration_cancel(registration=holder)
    with pytest.raises(DomainError) as error:
        registration_check_in(event=event, actor=door, code=holder.ticket_code)
    assert error.value.message == "Birinci's registration was cancelled."


# --- the staff page --------------------------------------------------------------------------

def url(event, **query):
    from urllib.parse import urlencode

    base = reverse("events:checkin", args=[event.pk])
    return f"{base}?{urlencode(query)}" if query else base


def test_the_page_checks_in_a_typed_code_and_refuses_it_twice(client, door):
    event = EventFactory(title="Start-up Fest")
    registration = register(event, name="Rəşad Hüseynov", email="rashad@example.az",
                            guests=[("Kamran Abbasov", "kamran@example.az")])
    client.force_login(door)
    response = client.get(url(event))
    assert response.status_code == 200
    assert text_of(response, "#checkin-counts") == "0 in 2 still to come 2 expected"

    response = client.post(url(event), {"code": registration.ticket_code_display}, follow=True)
    assert messages_text(response) == ["Checked in: Rəşad Hüseynov, a group of 2."]
    assert text_of(response, "#checkin-counts") == "2 in 0 still to come 2 expected"

    response = client.post(url(event), {"code": registration.ticket_code}, follow=True)
    assert len(messages_text(response)) == 1
    assert messages_text(response)[0].startswith("Rəşad Hüseynov was already checked in at ")
    assert text_of(response, "#checkin-counts") == "2 in 0 still to come 2 expected"


def test_the_page_says_clearly_what_is_wrong_with_a_code(client, door):
    event = EventFactory()
    client.force_login(door)
    response = client.post(url(event), {"code": "ABCDE-FGHJK"}, follow=True)
    assert messages_text(response) == ["No ticket has this code. Check it, or search by name."]
    response = client.post(url(event), {"code": "0000-1111"}, follow=True)
    assert messages_text(response) == ["“0000-1111” is not a ticket code. A ticket code has 10 "
                                       "letters and digits, e.g. K7M2P-Q9XAR."]


def test_a_name_searches_and_checks_in_from_the_results(client, door):
    event = EventFactory()
    register(event, name="Günel Quliyeva", email="gunel@example.az",
             guests=[("Elşən Quliyev", "elshan@example.az")])
    register(event, name="Rəna Qafarova", email="rena@example.az")
    client.force_login(door)
    response = client.post(url(event), {"code": "Elşən"})
    assert response.status_code == 302
    assert response["Location"] == url(event, q="Elşən")
    response = client.get(response["Location"])
    rows = soup(response).select("#checkin-results .checkin-item")
    assert [" ".join(r.select_one(".checkin-who strong").get_text().split()) for r in rows] == [
        "Günel Quliyeva"]
    registration_id = rows[0].select_one("input[name=registration]")["value"]
    response = client.post(url(event), {"registration": registration_id, "q": "Elşən"},
                           follow=True)
    assert messages_text(response) == ["Checked in: Günel Quliyeva, a group of 2."]
    assert response.redirect_chain[-1][0] == url(event, q="Elşən")
    assert text_of(response, "#checkin-results .badge-attended").startswith("In at ")


def test_live_counts_fragment(client, door):
    event = EventFactory()
    registration = register(event)
    register(event)
    registration_check_in(event=event, actor=door, code=registration.ticket_code)
    client.force_login(door)
    response = client.get(reverse("events:checkin_counts", args=[event.pk]),
                          HTTP_HX_REQUEST="true")
    assert text_of(response, "#checkin-counts") == "1 in 1 still to come 2 expected"
    assert soup(response).select_one("#checkin-counts")["hx-trigger"] == "every 5s"


def test_the_page_needs_the_check_in_permission(client):
    event = EventFactory()
    registration = register(event)
    staff_without = PersonFactory(is_staff=True)
    staff_without.groups.add(Group.objects.get(name="Programme managers"))
    client.force_login(staff_without)
    assert client.get(url(event)).status_code == 403
    assert client.post(url(event), {"code": registration.ticket_code}).status_code == 403
    counts = reverse("events:checkin_counts", args=[event.pk])
    assert client.get(counts).status_code == 403
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None
    client.logout()
    response = client.get(url(event))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_an_abad_adviser_may_check_in(client):
    event = EventFactory()
    registration = register(event)
    adviser = PersonFactory(is_staff=True)
    adviser.groups.add(Group.objects.get(name="ABAD advisers"))
    client.force_login(adviser)
    client.post(url(event), {"code": registration.ticket_code})
    assert Registration.objects.get(pk=registration.pk).checked_in_by == adviser


def test_the_page_runs_a_constant_number_of_queries(client, door):
    def count(size):
        event = EventFactory(capacity=50)
        for index in range(size):
            registration = register(event, name=f"Quliyev {index}",
                                    email=f"q{index}@example.az",
                                    guests=[(f"Quliyeva {index}", f"w{index}@example.az")])
            registration_check_in(event=event, actor=door, code=registration.ticket_code)
        client.force_login(door)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(event, q="Quliyev"))
        assert response.status_code == 200
        assert len(soup(response).select("#checkin-results .checkin-item")) == size
        assert len(soup(response).select("#recent-checkins li")) == min(size, 10)
        return len(queries)

    assert count(1) == count(12)
