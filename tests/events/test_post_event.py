"""After the event: no-shows, certificates for those checked in only, the survey only to
attendees and its answers as core Feedback, staff messages to a group, the reminder
the day before, and retrying failed e-mails."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.errors import DomainError
from core.models import Feedback
from documents.models import Certificate, CertificateBatch
from events.models import Event, Registration, RegistrationEmail, StaffMessage
from events.services import (
    emails_retry,
    event_certificates_issue,
    event_mark_no_shows,
    event_survey_send,
    registration_check_in,
    reminders_send,
    staff_message_send,
    survey_answer,
)
from events.tickets import survey_token
from tests.factories.events import EventFactory, PersonFactory, in_days, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
A = Registration.Attendance
HOURS = datetime.timedelta(hours=3)


@pytest.fixture
def staff():
    return PersonFactory(is_staff=True, is_superuser=True, full_name="Aysel Məmmədova")


@pytest.fixture
def held_event(staff):
    """An event three days ago: Günel (with Elşən) and Rəna came, Nərmin did not, Orxan
    waited in vain."""
    event = EventFactory(title="Mürəbbə təlimi", capacity=4)
    came = register(event, PersonFactory(full_name="Günel Quliyeva", email="gunel@example.az",
                                       preferred_language="en"),
                    guests=[("Elşən Quliyev", "elshan@example.az", "male")])
    guest = register(event, name="Rəna Qafarova", email="rena@example.az")
    absent = register(event, PersonFactory(full_name="Nərmin Həsənova",
                                         email="nermin@example.az"))
    waiting = register(event, PersonFactory(full_name="Orxan Bağırov", email="orxan@example.az"))
    for registration in (came, guest):
        registration_check_in(event=event, actor=staff, code=registration.ticket_code)
    Event.objects.filter(pk=event.pk).update(starts_at=in_days(-3),
                                             ends_at=in_days(-3) + HOURS)
    event.refresh_from_db()
    return event, {"came": came, "guest": guest, "absent": absent, "waiting": waiting}


def status_of(registrations):
    return {key: Registration.objects.get(pk=r.pk).attendance for key, r in registrations.items()}


def test_no_shows_are_marked_once_after_the_event(held_event, staff):
    event, people = held_event
    assert event_mark_no_shows(event=event, actor=staff) == 1
    assert status_of(people) == {"came": A.ATTENDED, "guest": A.ATTENDED, "absent": A.NO_SHOW,
                                 "waiting": A.UNKNOWN}
    assert event_mark_no_shows(event=event, actor=staff) == 0


def test_no_shows_wait_for_the_end():
    event = EventFactory()
    with pytest.raises(DomainError) as error:
        event_mark_no_shows(event=event)
    assert error.value.message == "No-shows can be marked once the event is over."


def test_certificates_only_for_those_checked_in(held_event, staff, mailoutbox,
                                                django_capture_on_commit_callbacks):
    event, people = held_event
    with django_capture_on_commit_callbacks(execute=True):
        batch = event_certificates_issue(event=event, actor=staff,
                                         signatory_name="Səbinə İsmayılova")
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE
    certificates = Certificate.objects.filter(pk__in=batch.certificate_ids).order_by("pk")
    assert [(c.recipient_name, c.recipient_email, c.kind) for c in certificates] == [
        ("Günel Quliyeva", "gunel@example.az", Certificate.Kind.ATTENDANCE),
        ("Elşən Quliyev", "elshan@example.az", Certificate.Kind.ATTENDANCE),
        ("Rəna Qafarova", "rena@example.az", Certificate.Kind.ATTENDANCE),
    ]
    assert certificates[0].recipient_user == people["came"].user
    assert {c.subject for c in certificates} == {event}
    assert {c.centre_id for c in certificates} == {event.centre_id}
    assert all(c.document.is_ready for c in certificates)
    assert sorted(m.to[0] for m in mailoutbox) == ["elshan@example.az", "gunel@example.az",
                                                   "rena@example.az"]
    event.refresh_from_db()
    assert event.certificate_batch == batch


def test_issuing_again_gives_nobody_a_second_certificate(held_event, staff):
    event, people = held_event
    first = event_certificates_issue(event=event, actor=staff, signatory_name="S. İ.")
    # Someone checked in late is added; the others keep theirs.
    Registration.objects.filter(pk=people["absent"].pk).update(
        checked_in_at=timezone.now(), attendance=A.ATTENDED)
    second = event_certificates_issue(event=event, actor=staff, signatory_name="S. İ.")
    assert second.certificate_ids[:3] == first.certificate_ids
    assert Certificate.objects.filter(subject_id=event.pk).count() == 4


def test_certificates_wait_for_the_end_and_need_attendees(staff):
    event = EventFactory()
    with pytest.raises(DomainError) as error:
        event_certificates_issue(event=event, actor=staff, signatory_name="S")
    assert error.value.message == "Certificates of attendance are issued once the event is over."
    Event.objects.filter(pk=event.pk).update(starts_at=in_days(-2), ends_at=in_days(-2) + HOURS)
    event.refresh_from_db()
    with pytest.raises(DomainError) as error:
        event_certificates_issue(event=event, actor=staff, signatory_name="S")
    assert error.value.message == ("Nobody was checked in at this event, so there is nobody to "
                                   "certify.")


def test_the_survey_goes_only_to_attendees_once(held_event, staff, mailoutbox,
                                                django_capture_on_commit_callbacks):
    event, people = held_event
    with django_capture_on_commit_callbacks(execute=True):
        assert event_survey_send(event=event, actor=staff) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["gunel@example.az", "rena@example.az"]
    assert {m.subject for m in mailoutbox} == {"How was Mürəbbə təlimi?"}
    assert "/events/survey/" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert event_survey_send(event=event, actor=staff) == 0
    assert len(mailoutbox) == 2


def test_the_survey_link_stores_core_feedback(client, held_event):
    event, people = held_event
    came = people["came"]
    url = f"/events/survey/{survey_token(came)}/"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    response = client.post(url, {"rating": "4", "comment": "Çox faydalı"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert (feedback.service, feedback.rating, feedback.comment, feedback.author,
            feedback.centre, feedback.subject) == (
        Feedback.Service.EVENT, 4, "Çox faydalı", came.user, event.centre, event)
    # A person with an account may change their mind; still one answer.
    client.post(url, {"rating": "5"})
    assert list(Feedback.objects.values_list("rating", flat=True)) == [5]
    assert Registration.objects.get(pk=came.pk).feedback == Feedback.objects.get()


def test_a_guest_answers_once(held_event):
    _event, people = held_event
    survey_answer(registration=people["guest"], rating=3)
    with pytest.raises(DomainError) as error:
        survey_answer(registration=people["guest"], rating=1)
    assert error.value.message == "Your answer was already recorded. Thank you!"
    assert list(Feedback.objects.values_list("rating", "author")) == [(3, None)]


def test_no_survey_for_those_who_did_not_come(client, held_event):
    _event, people = held_event
    with pytest.raises(DomainError):
        survey_answer(registration=people["absent"], rating=5)
    url = f"/events/survey/{survey_token(people['absent'])}/"
    assert client.get(url).status_code == 404
    assert client.get("/events/survey/forged-token/").status_code == 404
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("group, expected", [
    (StaffMessage.Group.REGISTERED, ["gunel@example.az", "nermin@example.az", "rena@example.az"]),
    (StaffMessage.Group.ATTENDED, ["gunel@example.az", "rena@example.az"]),
    (StaffMessage.Group.NO_SHOW, ["nermin@example.az"]),
    (StaffMessage.Group.WAITLISTED, ["orxan@example.az"]),
])
def test_staff_email_a_group(held_event, staff, group, expected, mailoutbox,
                             django_capture_on_commit_callbacks):
    event, _people = held_event
    event_mark_no_shows(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        message = staff_message_send(event=event, group=group, subject="Slaydlar",
                                     body="Təqdimat faylları əlavədədir.", actor=staff)
    assert message.total == len(expected)
    assert sorted(m.to[0] for m in mailoutbox) == expected
    assert {m.subject for m in mailoutbox} == {"Slaydlar"}
    assert "Təqdimat faylları əlavədədir." in mailoutbox[0].body
    assert set(message.emails.values_list("status", flat=True)) == {"sent"}


def test_an_empty_group_is_refused(staff):
    event = EventFactory()
    with pytest.raises(DomainError) as error:
        staff_message_send(event=event, group="attended", subject="S", body="B", actor=staff)
    assert error.value.message == "Nobody is in this group, so nothing was sent."


def test_the_reminder_the_day_before_goes_once(mailoutbox, django_capture_on_commit_callbacks):
    now = timezone.now()
    tomorrow = EventFactory(title="Sabah", starts_at=now + datetime.timedelta(hours=20),
                            ends_at=now + datetime.timedelta(hours=23))
    later = EventFactory(title="Gələn həftə")
    long_ago = now - datetime.timedelta(days=5)
    reminded = register(tomorrow, now=long_ago)
    Registration.objects.filter(pk=reminded.pk).update(created_at=long_ago)
    register(tomorrow)  # registered within the last day: has just had the ticket
    register(later)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=now) == 1
        assert reminders_send(now=now) == 0
    assert [(m.to[0], m.subject) for m in mailoutbox] == [(reminded.email, "Tomorrow: Sabah")]
    assert [a[0] for a in mailoutbox[0].attachments] == [f"ticket-{reminded.ticket_code}.png",
                                                        "event.ics"]


def test_a_failed_email_shows_and_is_retried(settings, mailoutbox,
                                             django_capture_on_commit_callbacks):
    event = EventFactory()
    settings.EMAIL_BACKEND = "tests.events.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        register(event)
    email = RegistrationEmail.objects.get()
    assert (email.status, email.attempts, email.error) == ("failed", 1,
                                                           "OSError: the mail server is down")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert emails_retry(event=event) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.error) == ("sent", 2, "")
    assert len(mailoutbox) == 1


def test_feedback_subject_is_the_event(held_event):
    event, people = held_event
    feedback = survey_answer(registration=people["came"], rating=5)
    assert feedback.subject_type == ContentType.objects.get_for_model(Event)
    assert feedback.subject_id == event.pk
