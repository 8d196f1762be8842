"""The waiting list: a freed place is offered to the next person by e-mail, held for
YUVA_WAITLIST_OFFER_HOURS, and passed on when the offer expires (the scheduled job)."""

import datetime

import pytest
from django.utils import timezone

from core.errors import DomainError
from events.models import Registration
from events.services import (
    registration_approve,
    registration_cancel,
    registration_decline,
    registration_offer_accept,
    registration_offer_decline,
    waitlist_process,
)
from events.tasks import waitlist_sweep
from tests.factories.events import EventFactory, PersonFactory, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Registration.Status
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def full_event():
    """Capacity 2, both taken; three people waiting, in order."""
    event = EventFactory(title="Fintech meetup", capacity=2)
    holders = [register(event) for _ in range(2)]
    waiting = [register(event) for _ in range(3)]
    return event, holders, waiting


def refreshed(*registrations):
    return [Registration.objects.get(pk=r.pk) for r in registrations]


def test_a_cancellation_offers_the_place_to_the_first_waiting(
        full_event, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.YUVA_WAITLIST_OFFER_HOURS = 24
    event, holders, waiting = full_event
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=holders[0], actor=holders[0].user, now=now)
    first, second, third = refreshed(*waiting)
    assert (first.status, second.status, third.status) == (S.OFFERED, S.WAITLISTED,
                                                           S.WAITLISTED)
    assert first.offer_expires_at == now + 24 * HOUR
    event.refresh_from_db()
    assert event.seats_taken == 2  # the offer holds the place
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([holders[0].email], "Registration cancelled: Fintech meetup"),
        ([first.email], "A place is free for you: Fintech meetup")]
    assert "/events/tickets/" in mailoutbox[1].body


def test_the_hold_is_configurable_and_ends_at_the_start_at_the_latest(full_event, settings):
    event, holders, waiting = full_event
    settings.YUVA_WAITLIST_OFFER_HOURS = 2
    now = timezone.now()
    registration_cancel(registration=holders[0], now=now)
    assert refreshed(waiting[0])[0].offer_expires_at == now + 2 * HOUR
    settings.YUVA_WAITLIST_OFFER_HOURS = 24 * 30
    registration_cancel(registration=holders[1], now=now)
    assert refreshed(waiting[1])[0].offer_expires_at == event.starts_at


def test_accepting_an_offer_confirms_and_sends_the_ticket(
        full_event, mailoutbox, django_capture_on_commit_callbacks):
    event, holders, waiting = full_event
    registration_cancel(registration=holders[0])
    with django_capture_on_commit_callbacks(execute=True):
        accepted = registration_offer_accept(registration=waiting[0])
    assert accepted.status == S.CONFIRMED
    assert accepted.confirmed_at is not None
    assert [m.subject for m in mailoutbox] == ["Your ticket: Fintech meetup"]
    event.refresh_from_db()
    assert event.seats_taken == 2


def test_an_expired_offer_passes_on_to_the_next(full_event, mailoutbox,
                                                 django_capture_on_commit_callbacks):
    event, holders, waiting = full_event
    start = timezone.now()
    registration_cancel(registration=holders[0], now=start)
    later = start + 25 * HOUR
    with pytest.raises(DomainError) as error:
        registration_offer_accept(registration=waiting[0], now=later)
    assert error.value.message.startswith("This offer expired at ")

    with django_capture_on_commit_callbacks(execute=True):
        expired, offered = waitlist_process(event=event, now=later)
    assert [r.pk for r in expired] == [waiting[0].pk]
    assert [r.pk for r in offered] == [waiting[1].pk]
    first, second, third = refreshed(*waiting)
    assert (first.status, first.cancel_reason) == (S.CANCELLED,
                                                   Registration.CancelReason.OFFER_EXPIRED)
    assert second.status == S.OFFERED
    assert second.offer_expires_at == later + 24 * HOUR
    assert third.status == S.WAITLISTED
    event.refresh_from_db()
    assert event.seats_taken == 2
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == sorted([
        (first.email, "Your offered place has passed on: Fintech meetup"),
        (second.email, "A place is free for you: Fintech meetup")])
    # Nothing is lost: the expired registration keeps its history.
    assert first.offered_at == start and first.cancelled_at == later


def test_the_scheduled_sweep_expires_and_passes_on(full_event):
    event, holders, waiting = full_event
    registration_cancel(registration=holders[0],
                        now=timezone.now() - 30 * HOUR)
    waitlist_sweep.apply()
    assert [r.status for r in refreshed(*waiting)] == [S.CANCELLED, S.OFFERED, S.WAITLISTED]
    waitlist_sweep.apply()  # a second run changes nothing
    assert [r.status for r in refreshed(*waiting)] == [S.CANCELLED, S.OFFERED, S.WAITLISTED]


def test_declining_an_offer_passes_it_on_at_once(full_event):
    event, holders, waiting = full_event
    registration_cancel(registration=holders[0])
    declined = registration_offer_decline(registration=waiting[0])
    assert (declined.status, declined.cancel_reason) == (
        S.CANCELLED, Registration.CancelReason.OFFER_DECLINED)
    assert [r.status for r in refreshed(*waiting)] == [S.CANCELLED, S.OFFERED, S.WAITLISTED]


def test_the_first_waiting_group_that_fits_gets_the_places():
    event = EventFactory(capacity=3)
    holder = register(event, guests=[("B", "b@example.az")])
    single = register(event)
    big = register(event, guests=[("C", "c@example.az"), ("D", "d@example.az")])
    pair = register(event, guests=[("E", "e@example.az")])
    assert [single.status, big.status, pair.status] == [S.CONFIRMED, S.WAITLISTED,
                                                        S.WAITLISTED]
    registration_cancel(registration=holder)  # two places free: the group of 3 does not fit
    big, pair = refreshed(big, pair)
    assert (big.status, pair.status) == (S.WAITLISTED, S.OFFERED)
    event.refresh_from_db()
    assert event.seats_taken == 3


def test_no_offers_once_the_event_has_started():
    event = EventFactory(capacity=1)
    holder = register(event)
    waiting = register(event)
    registration_cancel(registration=holder, by_staff=True,
                        now=event.starts_at + datetime.timedelta(minutes=10))
    assert refreshed(waiting)[0].status == S.WAITLISTED


def test_a_decline_by_staff_frees_the_place_for_the_waiting_list():
    event = EventFactory(capacity=1, requires_approval=True)
    pending = register(event)
    waiting = register(event)
    staff = PersonFactory(is_staff=True)
    registration_decline(registration=pending, actor=staff)
    waiting = refreshed(waiting)[0]
    assert waiting.status == S.OFFERED
    # An accepted offer at an approval event waits for approval again.
    accepted = registration_offer_accept(registration=waiting)
    assert accepted.status == S.PENDING_APPROVAL
    approved = registration_approve(registration=accepted, actor=staff)
    assert approved.status == S.CONFIRMED
    assert approved.decided_by == staff


def test_raising_the_capacity_offers_the_new_places():
    from events.services import event_save

    event = EventFactory(capacity=1)
    register(event)
    waiting = register(event)
    event.capacity = 2
    event_save(event=event, actor=None)
    assert refreshed(waiting)[0].status == S.OFFERED


def test_the_capacity_cannot_drop_below_the_places_taken():
    from django.core.exceptions import ValidationError

    from events.services import event_save

    event = EventFactory(capacity=3)
    register(event, guests=[("B", "b@example.az")])
    event.capacity = 1
    with pytest.raises(ValidationError) as error:
        event_save(event=event, actor=None)
    assert error.value.message_dict == {
        "capacity": ["2 places are already taken; the capacity cannot be lower."]}
    event.refresh_from_db()
    assert event.capacity == 3


def test_cancelling_twice_is_refused(full_event):
    _event, holders, _waiting = full_event
    registration_cancel(registration=holders[0])
    with pytest.raises(DomainError) as error:
        registration_cancel(registration=holders[0])
    assert error.value.message == "This registration is already cancelled."
