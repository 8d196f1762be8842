"""Every booking rule, with a fixed clock (services take `now`): the window, the notice,
the weekly and monthly quota, overlaps, duplicates, closed days, suspensions, the
cancellation cut-off, a full shift, and nothing half-saved when a rule refuses."""

import datetime

import pytest

from core.errors import DomainError
from families.models import BookingRules, Closure, Shift, ShiftBooking, Suspension
from families.services.bookings import booking_cancel, booking_create
from tests.factories import UserFactory
from tests.factories.families import (
    FactoryFactory,
    LineFactory,
    RulesFactory,
    TrainingFactory,
    family_member,
    shift_at,
    train,
)
from tests.families.clock import NOW, aware, day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def training():
    return TrainingFactory(name="Food hygiene")


@pytest.fixture
def factory():
    return FactoryFactory(name="Guba factory")


@pytest.fixture
def line(factory, training):
    return LineFactory(factory=factory, name="Jam line", workstations=10,
                       trainings=[training])


@pytest.fixture
def other_line(factory, training):
    return LineFactory(factory=factory, name="Dried fruit", workstations=4,
                       trainings=[training])


@pytest.fixture
def family_and_member(training):
    family, member = family_member()
    train(member, training)
    return family, member


def book(shift, family_and_member, now=NOW):
    family, member = family_and_member
    return booking_create(shift=shift, family=family, member=member, now=now)


def refused(shift, family_and_member, now=NOW):
    with pytest.raises(DomainError) as info:
        book(shift, family_and_member, now)
    shift.refresh_from_db()
    return info.value.message


def test_a_booking_takes_one_place(line, family_and_member):
    shift = shift_at(line, day(3), 8)
    booking = book(shift, family_and_member)
    shift.refresh_from_db()
    assert shift.booked_count == 1
    assert shift.free_places == 9
    assert booking.status == ShiftBooking.Status.BOOKED
    assert booking.source == ShiftBooking.Source.DIRECT
    assert (booking.starts_at, booking.ends_at) == (shift.starts_at, shift.ends_at)
    assert booking.member == family_and_member[1]
    assert booking.created_at == NOW


def test_booking_past_the_window_is_refused(line, family_and_member):
    shift = shift_at(line, day(31), 8)  # 28 days ahead by default
    assert refused(shift, family_and_member) == (
        "Shifts can be booked at most 28 days ahead (this one from 04.03.2030 08:00).")
    assert shift.booked_count == 0
    assert ShiftBooking.objects.count() == 0
    # On the day it opens, it can be booked.
    assert book(shift, family_and_member, now=aware(day(3), 8)).pk


def test_booking_later_than_the_minimum_notice_is_refused(line, family_and_member):
    shift = shift_at(line, day(1), 8)  # 22 hours after NOW; notice 12 hours by default
    assert book(shift, family_and_member).pk
    late = shift_at(line, day(0), 21)  # 11 hours after NOW
    assert refused(late, family_and_member) == "Booking closes 12 hours before the shift starts."
    assert late.booked_count == 0


def test_a_started_or_cancelled_shift_cannot_be_booked(line, family_and_member):
    started = shift_at(line, day(0), 9)
    assert refused(started, family_and_member) == "This shift has already started."
    cancelled = shift_at(line, day(3), 8, status=Shift.Status.CANCELLED)
    assert refused(cancelled, family_and_member) == "This shift was cancelled."


def test_weekly_quota(line, factory, family_and_member):
    monday, tuesday, wednesday = day(3), day(4), day(5)
    book(shift_at(line, monday, 8), family_and_member)
    book(shift_at(line, tuesday, 8), family_and_member)
    third = shift_at(line, wednesday, 8)
    assert refused(third, family_and_member) == (
        "Your family already has 2 shifts at Guba factory in that week, the most a family "
        "can book.")
    assert third.booked_count == 0
    # The next week is a new week.
    assert book(shift_at(line, day(10), 8), family_and_member).pk


def test_weekly_quota_counts_every_line_of_the_factory(line, other_line, family_and_member):
    book(shift_at(line, day(3), 8), family_and_member)
    book(shift_at(other_line, day(4), 8), family_and_member)
    assert refused(shift_at(other_line, day(5), 8), family_and_member).startswith(
        "Your family already has 2 shifts at Guba factory in that week")


def test_monthly_quota(line, family_and_member):
    # March 2030: weeks from the 4th, 11th, 18th and 25th; two shifts in each of the
    # first three weeks reach the monthly quota of six.
    for first in (day(3), day(10), day(17)):
        book(shift_at(line, first, 8), family_and_member)
        book(shift_at(line, first + datetime.timedelta(days=1), 8), family_and_member)
    seventh = shift_at(line, day(24), 8)
    assert refused(seventh, family_and_member) == (
        "Your family already has 6 shifts at Guba factory in that month, the most a family "
        "can book.")
    assert ShiftBooking.objects.count() == 6


def test_cancelled_bookings_do_not_count_towards_the_quota(line, family_and_member):
    first = book(shift_at(line, day(3), 8), family_and_member)
    book(shift_at(line, day(4), 8), family_and_member)
    booking_cancel(booking=first, actor=family_and_member[1], now=NOW)
    assert book(shift_at(line, day(5), 8), family_and_member).pk


def test_a_line_with_its_own_rules_overrides_the_factory(line, factory, family_and_member):
    RulesFactory(factory=factory, quota_per_week=5, quota_per_month=10)
    RulesFactory(line=line, quota_per_week=1, quota_per_month=4)
    book(shift_at(line, day(3), 8), family_and_member)
    assert refused(shift_at(line, day(4), 8), family_and_member) == (
        "Your family already has 1 shift at Jam line in that week, the most a family can "
        "book.")


def test_two_overlapping_shifts_are_refused(line, other_line, family_and_member):
    book(shift_at(line, day(3), 8), family_and_member)  # 08:00–13:00
    overlapping = shift_at(other_line, day(3), 12, hours=4)  # 12:00–16:00
    assert refused(overlapping, family_and_member) == (
        "Your family already has a shift at that time (Jam line, 04.03.2030 08:00).")
    assert overlapping.booked_count == 0
    # Back to back is not an overlap.
    assert book(shift_at(other_line, day(3), 13, hours=4), family_and_member).pk


def test_the_same_shift_twice_is_refused(line, family_and_member):
    shift = shift_at(line, day(3), 8)
    book(shift, family_and_member)
    assert refused(shift, family_and_member) == "Your family has already booked this shift."
    assert shift.booked_count == 1


def test_a_closed_day_is_refused(line, factory, family_and_member):
    shift = shift_at(line, day(3), 8)
    Closure.objects.create(factory=factory, starts_on=day(3), ends_on=day(4),
                           reason="Novruz holiday")
    assert refused(shift, family_and_member) == (
        "The factory is closed on 04.03.2030 (Novruz holiday).")
    Closure.objects.all().delete()
    Closure.objects.create(line=line, starts_on=day(3), ends_on=day(3), reason="Maintenance",
                           kind=Closure.Kind.MAINTENANCE)
    assert refused(shift, family_and_member) == (
        "The factory is closed on 04.03.2030 (Maintenance).")


def test_a_suspended_family_cannot_book(line, family_and_member):
    family = family_and_member[0]
    Suspension.objects.create(family=family, starts_at=aware(day(-2), 9),
                              ends_at=aware(day(12), 9), reason="3 no-shows")
    shift = shift_at(line, day(3), 8)
    assert refused(shift, family_and_member) == (
        "Your family cannot book shifts until 13.03.2030 09:00 (3 no-shows).")
    assert ShiftBooking.objects.count() == 0
    # Once the suspension is over, it can.
    later = shift_at(line, day(14), 8)
    assert book(later, family_and_member, now=aware(day(13), 10)).pk


def test_only_members_book_for_a_family(line, family_and_member):
    family = family_and_member[0]
    outsider = UserFactory()
    with pytest.raises(DomainError) as info:
        booking_create(shift=shift_at(line, day(3), 8), family=family, member=outsider, now=NOW)
    assert info.value.message == "You are not a member of this family business."


def test_a_full_shift_is_refused(line, family_and_member):
    shift = shift_at(line, day(3), 8)
    Shift.objects.filter(pk=shift.pk).update(booked_count=10)
    assert refused(shift, family_and_member) == (
        "This shift is full. You can join its waiting list.")
    assert shift.booked_count == 10
    assert ShiftBooking.objects.count() == 0


def test_places_held_for_the_waiting_list_are_not_free(line, family_and_member):
    shift = shift_at(line, day(3), 8)
    Shift.objects.filter(pk=shift.pk).update(booked_count=9, held_count=1)
    assert refused(shift, family_and_member) == (
        "This shift is full. You can join its waiting list.")


def test_cancelling_before_the_cut_off(line, family_and_member):
    shift = shift_at(line, day(3), 8)
    booking = book(shift, family_and_member)
    cancelled = booking_cancel(booking=booking, actor=family_and_member[1],
                               now=aware(day(2), 7, 59))
    shift.refresh_from_db()
    assert cancelled.status == ShiftBooking.Status.CANCELLED
    assert cancelled.cancelled_at == aware(day(2), 7, 59)
    assert cancelled.cancelled_by == family_and_member[1]
    assert cancelled.cancel_reason == "Cancelled by the family"
    assert shift.booked_count == 0
    assert ShiftBooking.objects.filter(pk=booking.pk).exists()  # kept, not deleted


def test_cancelling_after_the_cut_off_is_refused(line, family_and_member):
    shift = shift_at(line, day(3), 8)
    booking = book(shift, family_and_member)
    with pytest.raises(DomainError) as info:
        booking_cancel(booking=booking, actor=family_and_member[1], now=aware(day(2), 8, 1))
    assert info.value.message == (
        "Bookings can be cancelled until 24 hours before the shift starts (for this one, "
        "until 03.03.2030 08:00).")
    booking.refresh_from_db()
    shift.refresh_from_db()
    assert booking.status == ShiftBooking.Status.BOOKED
    assert shift.booked_count == 1


def test_cancelling_twice_is_refused(line, family_and_member):
    booking = book(shift_at(line, day(3), 8), family_and_member)
    booking_cancel(booking=booking, actor=family_and_member[1], now=NOW)
    with pytest.raises(DomainError) as info:
        booking_cancel(booking=booking, actor=family_and_member[1], now=NOW)
    assert info.value.message == "Only a booking that is still booked can be cancelled."
    assert Shift.objects.get(pk=booking.shift_id).booked_count == 0


def test_another_family_cannot_cancel(line, family_and_member):
    booking = book(shift_at(line, day(3), 8), family_and_member)
    _other_family, stranger = family_member()
    with pytest.raises(DomainError) as info:
        booking_cancel(booking=booking, actor=stranger, now=NOW)
    assert info.value.message == "You are not a member of this family business."


def test_the_rules_in_plain_words(factory, line):
    rules = BookingRules(factory=factory)
    assert rules.sentences() == [
        "You can book a shift up to 28 days ahead.",
        "Booking closes 12 hours before the shift starts.",
        "A family can book at most 2 shifts a week at Guba factory.",
        "A family can book at most 6 shifts a month at Guba factory.",
        "A family cannot book two shifts that overlap in time.",
        "You can cancel a booking until 24 hours before the shift starts.",
        "A booked shift the family neither comes to nor cancels is a no-show; no-shows are "
        "counted over the last 60 days.",
        "After 3 no-shows in that time, the family cannot book for a while.",
        "That suspension lasts 14 days; staff can lift it.",
        "When a shift is full, you can join its waiting list. If a place frees up, the first "
        "family on the list gets an e-mail and has 12 hours to take it; then it passes to "
        "the next.",
    ]
    single = BookingRules(line=line, max_days_ahead=1, min_notice_hours=0, quota_per_week=1,
                          quota_per_month=1, cancel_cutoff_hours=1, no_show_window_days=1,
                          no_show_limit=1, suspension_days=1, waitlist_hold_hours=1)
    assert single.sentences()[:3] == [
        "You can book a shift up to 1 day ahead.",
        "A family can book at most 1 shift a week at Jam line.",
        "A family can book at most 1 shift a month at Jam line.",
    ]
