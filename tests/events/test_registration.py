"""Registering: capacity and groups, approval, waiting list on arrival, the ticket
e-mail, and every refusal with its message."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from core.errors import DomainError
from core.models import Enterprise
from events.models import Attendee, Event, Registration, RegistrationEmail
from events.services import AttendeeInput, registration_create
from events.tickets import ALPHABET, CODE_LENGTH
from tests.events.conftest import parse_mail
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.events import EventFactory, PersonFactory, TrainingFactory, in_days, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Registration.Status


def test_a_registration_takes_places_and_gets_a_ticket_code():
    event = EventFactory(capacity=5)
    registration = register(event)
    event.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert registration.size == 1
    assert event.seats_taken == 1
    assert len(registration.ticket_code) == CODE_LENGTH
    assert set(registration.ticket_code) <= set(ALPHABET)
    assert registration.confirmed_at is not None


def test_a_group_counts_against_capacity_as_a_whole():
    event = EventFactory(capacity=5)
    group = register(event, guests=[("Elşən Quliyev", "elshan@example.az", "male"),
                                    ("Nərgiz Quliyeva", "nergiz@example.az", "female")])
    event.refresh_from_db()
    assert group.size == 3
    assert event.seats_taken == 3
    assert list(group.attendees.values_list("name", "gender")) == [
        (group.name, ""), ("Elşən Quliyev", "male"), ("Nərgiz Quliyeva", "female")]
    # Two places left: a group of three waits, a pair fits.
    waiting = register(event, guests=[("A B", "ab@example.az"), ("C D", "cd@example.az")])
    pair = register(event, guests=[("E F", "ef@example.az")])
    event.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    # Someone is already waiting, so the pair queues behind them even though it fits.
    assert pair.status == S.WAITLISTED
    assert event.seats_taken == 3


def test_the_last_places_go_exactly_and_then_the_waiting_list():
    event = EventFactory(capacity=3)
    first = [register(event) for _ in range(3)]
    late = register(event)
    event.refresh_from_db()
    assert [r.status for r in first] == [S.CONFIRMED] * 3
    assert late.status == S.WAITLISTED
    assert late.waitlisted_at is not None
    assert event.seats_taken == 3
    assert event.places_left == 0


def test_a_group_larger_than_allowed_is_refused():
    event = EventFactory(max_group_size=2)
    with pytest.raises(DomainError) as error:
        register(event, guests=[("A B", "ab@example.az"), ("C D", "cd@example.az")])
    assert error.value.message == "A registration for this event may bring at most 2 people."
    assert Registration.objects.count() == 0


def test_each_person_in_a_group_needs_their_own_address():
    event = EventFactory()
    user = PersonFactory(email="leyla@example.az")
    with pytest.raises(DomainError) as error:
        register(event, user, guests=[("Elşən", "LEYLA@example.az")])
    assert error.value.message == "Each person in a group needs their own e-mail address."


def test_approval_holds_the_place_until_staff_decide():
    event = EventFactory(capacity=1, requires_approval=True)
    pending = register(event)
    event.refresh_from_db()
    assert pending.status == S.PENDING_APPROVAL
    assert event.seats_taken == 1
    assert register(event).status == S.WAITLISTED


def test_the_ticket_email_has_the_code_a_qr_png_and_an_ics(
        mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(title="Start-up Fest", capacity=10)
    user = PersonFactory(full_name="Rəşad Hüseynov", email="rashad@example.az",
                       preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, user)
    assert len(mailoutbox) == 1
    message = parse_mail(mailoutbox[0])
    assert message["To"] == "rashad@example.az"
    assert message["Subject"] == "Your ticket: Start-up Fest"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"Ticket code: {registration.ticket_code_display}" in body
    assert "/events/tickets/" in body
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert sorted(attachments) == ["event.ics", f"ticket-{registration.ticket_code}.png"]
    png = attachments[f"ticket-{registration.ticket_code}.png"].get_content()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    calendar = Calendar.from_ical(attachments["event.ics"].get_content())
    vevents = list(calendar.walk("VEVENT"))
    assert [str(v["SUMMARY"]) for v in vevents] == ["Start-up Fest"]
    assert vevents[0].decoded("DTSTART") == event.starts_at
    email = RegistrationEmail.objects.get()
    assert (email.kind, email.status) == (RegistrationEmail.Kind.TICKET,
                                          RegistrationEmail.Status.SENT)


def test_the_qr_code_holds_the_ticket_code():
    # segno cannot read; the PNG is regenerated from the same code and compared.
    import io

    import segno

    from events.tickets import ticket_qr_png

    code = "K7M2PQ9XAR"
    expected = io.BytesIO()
    segno.make(code, error="m").save(expected, kind="png", scale=8, border=2)
    assert ticket_qr_png(code) == expected.getvalue()


def test_waiting_list_and_approval_emails(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(title="Meetup", capacity=1, requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
        register(event)
    assert [m.subject for m in mailoutbox] == ["Registration received: Meetup",
                                               "You are on the waiting list: Meetup"]


def test_the_email_is_in_the_registrants_language(mailoutbox, django_capture_on_commit_callbacks):
    from django.utils import formats, translation

    event = EventFactory(title="Fest")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, PersonFactory(preferred_language="ru"))
    assert registration.language == "ru"
    with translation.override("ru"):
        when = formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
    assert when not in ("", formats.date_format(timezone.localtime(event.starts_at),
                                                "DATETIME_FORMAT"))
    assert f": {when} – " in mailoutbox[0].body


# --- refusals -----------------------------------------------------------------------------

def test_registration_after_closing_is_refused():
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(DomainError) as error:
        register(event)
    assert error.value.message.startswith("Registration for this event closed on ")
    assert Registration.objects.count() == 0


def test_registration_before_opening_is_refused():
    event = EventFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(DomainError) as error:
        register(event)
    assert error.value.message.startswith("Registration for this event opens on ")


def test_registration_for_a_past_event_is_refused():
    event = EventFactory(starts_at=in_days(-3), ends_at=in_days(-3) + datetime.timedelta(hours=2))
    with pytest.raises(DomainError) as error:
        register(event)
    assert error.value.message == "This event has already taken place."
    event.refresh_from_db()
    assert event.seats_taken == 0


def test_registration_for_a_started_event_is_refused():
    event = EventFactory(starts_at=timezone.now() - datetime.timedelta(minutes=5),
                         ends_at=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(DomainError) as error:
        register(event)
    assert error.value.message == "This event has already started; registration is closed."


@pytest.mark.parametrize("status, message", [
    (Event.Status.DRAFT, "This event is not open for registration."),
    (Event.Status.CANCELLED, "This event was cancelled."),
])
def test_registration_for_a_draft_or_cancelled_event_is_refused(status, message):
    event = EventFactory(status=status)
    with pytest.raises(DomainError) as error:
        register(event)
    assert error.value.message == message


def test_registering_twice_is_refused_and_counted_once():
    event = EventFactory(capacity=5)
    user = PersonFactory()
    register(event, user)
    with pytest.raises(DomainError) as error:
        register(event, user)
    assert error.value.message == "You are already registered for this event."
    event.refresh_from_db()
    assert event.seats_taken == 1
    assert Registration.objects.filter(event=event).count() == 1


def test_a_guest_registering_twice_with_the_same_address_in_other_case_is_refused():
    event = EventFactory()
    register(event, name="Aysel", email="aysel@example.az")
    with pytest.raises(DomainError) as error:
        register(event, name="Aysel M.", email="AYSEL@Example.AZ")
    assert error.value.message == "You are already registered for this event."


def test_someone_already_in_another_group_cannot_be_registered_again():
    event = EventFactory()
    register(event, guests=[("Elşən Quliyev", "elshan@example.az")])
    with pytest.raises(DomainError) as error:
        register(event, guests=[("Elşən Quliyev", "elshan@example.az")])
    assert error.value.message == "elshan@example.az already registered for this event."


def test_after_cancelling_one_may_register_again():
    from events.services import registration_cancel

    event = EventFactory()
    user = PersonFactory()
    first = register(event, user)
    registration_cancel(registration=first, actor=user)
    again = register(event, user)
    assert again.status == S.CONFIRMED
    assert Registration.objects.filter(event=event).count() == 2


@pytest.mark.parametrize("address", ["not-an-email", "aysel@", "aysel@@example.az", ""])
def test_a_malformed_email_is_refused(address):
    event = EventFactory()
    with pytest.raises(DomainError) as error:
        register(event, name="Aysel", email=address)
    assert error.value.message == f"“{address}” is not a valid e-mail address."
    assert Registration.objects.count() == 0


def test_a_family_training_is_for_family_members_only():
    training = TrainingFactory()
    with pytest.raises(DomainError) as error:
        register(training, name="Qonaq", email="guest@example.az")
    assert error.value.message.startswith("This event is for the family businesses")
    family = EnterpriseFactory(kind=Enterprise.Kind.FAMILY)
    member = PersonFactory()
    MembershipFactory(enterprise=family, user=member)
    assert register(training, member, enterprise=family).status == S.CONFIRMED


def test_one_registers_only_for_an_enterprise_one_belongs_to():
    event = EventFactory()
    other = EnterpriseFactory()
    with pytest.raises(DomainError) as error:
        register(event, PersonFactory(), enterprise=other)
    assert error.value.message == ("You can only register on behalf of an enterprise you "
                                   "belong to.")


def test_a_signed_in_registrant_is_their_account_and_companions_are_linked():
    event = EventFactory()
    user = PersonFactory(email="leyla@example.az", full_name="Leyla Əliyeva")
    companion = PersonFactory(email="elshan@example.az")
    registration = registration_create(
        event=event, user=user,
        attendees=[AttendeeInput("Someone Else", "other@example.az", "female"),
                   AttendeeInput("Elşən", "Elshan@Example.az")])
    assert (registration.name, registration.email, registration.user) == (
        "Someone Else", "leyla@example.az", user)
    assert list(Attendee.objects.filter(registration=registration)
                .values_list("email", "user", "gender")) == [
        ("leyla@example.az", user.pk, "female"), ("elshan@example.az", companion.pk, "")]
