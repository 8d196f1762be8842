"""The waiting list: joining a full shift, the offer when a place frees up (held for
the first family, e-mailed), taking it, declining it, its expiry and pass-on."""

import datetime

import pytest
from django.core import mail

from core.errors import DomainError
from families.models import Shift, ShiftBooking, WaitlistEntry
from families.services.bookings import booking_cancel, booking_create
from families.services.waitlist import (
    waitlist_accept,
    waitlist_join,
    waitlist_leave,
    waitlist_offers_expire,
)
from tests.factories.families import (
    LineFactory,
    RulesFactory,
    TrainingFactory,
    family_member,
    shift_at,
    train,
)
from tests.families.clock import NOW, aware, day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
W = WaitlistEntry.Status


@pytest.fixture
def training():
    return TrainingFactory()


@pytest.fixture
def line(training):
    return LineFactory(name="Jam line", workstations=2, trainings=[training])


@pytest.fixture
def people(training):
    """Five families, each with a trained member who prefers English."""
    result = []
    for _ in range(5):
        family, member = family_member(preferred_language="en")
        train(member, training)
        result.append((family, member))
    return result


@pytest.fixture
def full_shift(line, people):
    shift = shift_at(line, day(3), 8)
    for family, member in people[:2]:
        booking_create(shift=shift, family=family, member=member, now=NOW)
    shift.refresh_from_db()
    return shift


def join(shift, person, now=NOW):
    family, member = person
    return waitlist_join(shift=shift, family=family, member=member, now=now)


def bookings_of(person):
    return ShiftBooking.objects.filter(family=person[0])


def test_only_a_full_shift_has_a_waiting_list(line, people):
    shift = shift_at(line, day(3), 8)
    with pytest.raises(DomainError) as info:
        join(shift, people[0])
    assert info.value.message == "This shift still has free places: book it directly."


def test_joining_twice_is_refused(full_shift, people):
    join(full_shift, people[2])
    with pytest.raises(DomainError) as info:
        join(full_shift, people[2])
    assert info.value.message == "Your family is already on the waiting list of this shift."
    with pytest.raises(DomainError) as info:
        join(full_shift, people[0])
    assert info.value.message == "Your family has already booked this shift."


def test_a_freed_place_is_held_for_the_first_family_and_offered_by_email(
        full_shift, people, django_capture_on_commit_callbacks):
    first, second = join(full_shift, people[2]), join(full_shift, people[3])
    booking = bookings_of(people[0]).get()
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, actor=people[0][1], now=NOW)
    first.refresh_from_db()
    second.refresh_from_db()
    full_shift.refresh_from_db()
    assert (first.status, second.status) == (W.OFFERED, W.WAITING)
    assert first.offered_at == NOW
    assert first.offer_expires_at == NOW + datetime.timedelta(hours=12)
    assert (full_shift.booked_count, full_shift.held_count, full_shift.free_places) == (1, 1, 0)
    assert [m.to for m in mail.outbox] == [[people[2][1].email]]
    assert mail.outbox[0].subject == "A place is free for you: Jam line, 04.03.2030 08:00"
    assert "It is held for your family until 01.03.2030 22:00." in mail.outbox[0].body
    # Nobody else can take the held place.
    with pytest.raises(DomainError) as info:
        booking_create(shift=full_shift, family=people[4][0], member=people[4][1], now=NOW)
    assert info.value.message == "This shift is full. You can join its waiting list."


def test_taking_the_offered_place_books_it(full_shift, people):
    entry = join(full_shift, people[2])
    booking_cancel(booking=bookings_of(people[0]).get(), actor=people[0][1], now=NOW)
    booking = waitlist_accept(entry=entry, member=people[2][1], now=NOW + datetime.timedelta(
        hours=1))
    entry.refresh_from_db()
    full_shift.refresh_from_db()
    assert entry.status == W.ACCEPTED
    assert booking.source == ShiftBooking.Source.WAITLIST
    assert booking.status == ShiftBooking.Status.BOOKED
    assert (full_shift.booked_count, full_shift.held_count) == (2, 0)


def test_an_expired_offer_passes_to_the_next_family(full_shift, people):
    first, second = join(full_shift, people[2]), join(full_shift, people[3])
    booking_cancel(booking=bookings_of(people[0]).get(), actor=people[0][1], now=NOW)
    later = NOW + datetime.timedelta(hours=12)
    with pytest.raises(DomainError) as info:
        waitlist_accept(entry=first, member=people[2][1], now=later)
    assert info.value.message == "This offer has expired."

    assert waitlist_offers_expire(now=later) == 1
    assert waitlist_offers_expire(now=later) == 0  # idempotent
    first.refresh_from_db()
    second.refresh_from_db()
    full_shift.refresh_from_db()
    assert (first.status, second.status) == (W.EXPIRED, W.OFFERED)
    assert second.offer_expires_at == later + datetime.timedelta(hours=12)
    assert (full_shift.booked_count, full_shift.held_count) == (1, 1)

    # With nobody left, the place goes back to the calendar.
    assert waitlist_offers_expire(now=later + datetime.timedelta(hours=12)) == 1
    full_shift.refresh_from_db()
    assert (full_shift.booked_count, full_shift.held_count, full_shift.free_places) == (1, 0, 1)
    assert booking_create(shift=full_shift, family=people[4][0], member=people[4][1],
                          now=later + datetime.timedelta(hours=12)).pk


def test_an_offer_never_runs_past_the_shift_start_and_none_is_made_too_late(line, people):
    RulesFactory(line=line, min_notice_hours=2, cancel_cutoff_hours=0, waitlist_hold_hours=12)
    evening = shift_at(line, day(0), 20)  # 10 hours after NOW
    for family, member in people[:2]:
        booking_create(shift=evening, family=family, member=member, now=NOW)
    entry = join(evening, people[2])
    booking_cancel(booking=bookings_of(people[0]).get(), actor=people[0][1], now=NOW)
    entry.refresh_from_db()
    assert entry.status == W.OFFERED
    assert entry.offer_expires_at == aware(day(0), 20)  # not NOW + 12 hours

    # Less than the minimum notice before the start, a freed place is not offered: the
    # family could not book it either. It goes back to the calendar.
    soon = shift_at(line, day(0), 11, hours=2)
    for family, member in people[3:5]:
        booking_create(shift=soon, family=family, member=member, now=aware(day(0), 8))
    waiting = join(soon, people[1], now=aware(day(0), 8))
    booking_cancel(booking=bookings_of(people[3]).get(), actor=people[3][1], now=NOW)
    soon.refresh_from_db()
    waiting.refresh_from_db()
    assert (soon.booked_count, soon.held_count) == (1, 0)
    assert waiting.status == W.WAITING


def test_declining_passes_the_place_on(full_shift, people):
    first, second = join(full_shift, people[2]), join(full_shift, people[3])
    booking_cancel(booking=bookings_of(people[0]).get(), actor=people[0][1], now=NOW)
    waitlist_leave(entry=first, member=people[2][1], now=NOW)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (W.DECLINED, W.OFFERED)
    full_shift.refresh_from_db()
    assert (full_shift.booked_count, full_shift.held_count) == (1, 1)


def test_leaving_the_list_while_waiting(full_shift, people):
    entry = join(full_shift, people[2])
    waitlist_leave(entry=entry, member=people[2][1], now=NOW)
    entry.refresh_from_db()
    assert entry.status == W.LEFT
    with pytest.raises(DomainError) as info:
        waitlist_leave(entry=entry, member=people[2][1], now=NOW)
    assert info.value.message == "Your family is no longer on the waiting list of this shift."
    assert Shift.objects.get(pk=full_shift.pk).held_count == 0


def test_accepting_still_follows_the_rules(full_shift, line, people):
    """The place is offered, but the family booked an overlapping shift meanwhile."""
    entry = join(full_shift, people[2])
    other = LineFactory(factory=line.factory, trainings=list(line.required_trainings.all()))
    booking_create(shift=shift_at(other, day(3), 9), family=people[2][0],
                   member=people[2][1], now=NOW)
    booking_cancel(booking=bookings_of(people[0]).get(), actor=people[0][1], now=NOW)
    with pytest.raises(DomainError) as info:
        waitlist_accept(entry=entry, member=people[2][1], now=NOW)
    assert info.value.message.startswith("Your family already has a shift at that time")
    entry.refresh_from_db()
    assert entry.status == W.OFFERED
    full_shift.refresh_from_db()
    assert (full_shift.booked_count, full_shift.held_count) == (1, 1)
