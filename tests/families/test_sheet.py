"""The technician's side: check-in, no-shows and the suspension they bring (and staff
lifting it), production lots with sign-off and their refusals."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from core.errors import DomainError
from families.models import ProductionLot, ShiftBooking, Suspension
from families.services.bookings import booking_create
from families.services.sheet import (
    booking_check_in,
    booking_mark_no_show,
    lot_log,
    suspension_create,
    suspension_lift,
)
from tests.factories import UserFactory
from tests.factories.families import LineFactory, RulesFactory, booked, family_member, shift_at
from tests.families.clock import NOW, aware, day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def technician():
    return UserFactory(is_staff=True, full_name="Tural Cəfərov")


@pytest.fixture
def line():
    return LineFactory(name="Jam line", output_unit="jar")


@pytest.fixture
def family_and_member():
    return family_member(preferred_language="en")


def booking_on(line, family_and_member, offset=0, hour=8):
    family, member = family_and_member
    return booked(shift_at(line, day(offset), hour), family, member)


def test_check_in_from_two_hours_before_the_start(line, family_and_member, technician):
    booking = booking_on(line, family_and_member, offset=1)  # tomorrow 08:00
    with pytest.raises(DomainError) as info:
        booking_check_in(booking=booking, actor=technician, now=aware(day(1), 5, 59))
    assert info.value.message == "The shift sheet opens two hours before the shift starts."
    checked = booking_check_in(booking=booking, actor=technician, now=aware(day(1), 6))
    assert (checked.status, checked.checked_in_at, checked.marked_by) == (
        ShiftBooking.Status.CHECKED_IN, aware(day(1), 6), technician)
    with pytest.raises(DomainError) as info:
        booking_check_in(booking=booking, actor=technician, now=aware(day(1), 7))
    assert info.value.message == f"{family_and_member[0]} is already checked in."


def test_no_show_only_once_the_shift_started(line, family_and_member, technician):
    booking = booking_on(line, family_and_member, offset=1)
    with pytest.raises(DomainError) as info:
        booking_mark_no_show(booking=booking, actor=technician, now=aware(day(1), 7))
    assert info.value.message == "A family can be marked as a no-show once the shift started."
    marked = booking_mark_no_show(booking=booking, actor=technician, now=aware(day(1), 8, 30))
    assert marked.status == ShiftBooking.Status.NO_SHOW
    with pytest.raises(DomainError) as info:
        booking_check_in(booking=booking, actor=technician, now=aware(day(1), 9))
    assert info.value.message == ("Only a booked family can be checked in (this booking is "
                                  "No-show).")


def test_three_no_shows_in_the_window_suspend_the_family(
        line, family_and_member, technician, django_capture_on_commit_callbacks):
    family, member = family_and_member
    bookings = [booking_on(line, family_and_member, offset=-20 + 7 * i) for i in range(3)]
    for booking in bookings[:2]:
        booking_mark_no_show(booking=booking, actor=technician,
                             now=booking.starts_at + datetime.timedelta(hours=1))
    assert Suspension.objects.count() == 0
    third = bookings[2].starts_at + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_mark_no_show(booking=bookings[2], actor=technician, now=third)
    suspension = Suspension.objects.get()
    assert (suspension.family, suspension.starts_at, suspension.ends_at, suspension.no_shows) == (
        family, third, third + datetime.timedelta(days=14), 3)
    assert suspension.created_by is None
    assert suspension.reason == "3 no-shows since 25.12.2029"
    assert [m.subject for m in mail.outbox] == ["Shift booking suspended"]
    assert mail.outbox[0].to == [member.email]


def test_no_shows_outside_the_window_do_not_count(line, family_and_member, technician):
    RulesFactory(factory=line.factory, no_show_limit=2, no_show_window_days=10)
    old = booking_on(line, family_and_member, offset=-20)
    recent = booking_on(line, family_and_member, offset=-2)
    for booking in (old, recent):
        booking_mark_no_show(booking=booking, actor=technician,
                             now=booking.starts_at + datetime.timedelta(hours=1))
    assert Suspension.objects.count() == 0


def test_staff_lift_a_suspension_and_the_family_books_again(line, family_and_member):
    family, member = family_and_member
    staff = UserFactory(is_staff=True)
    suspension = suspension_create(family=family, actor=staff, days=14, reason="Rude to staff",
                                   now=NOW - datetime.timedelta(days=1))
    shift = shift_at(line, day(3), 8)
    with pytest.raises(DomainError):
        booking_create(shift=shift, family=family, member=member, now=NOW)
    with pytest.raises(DomainError) as info:
        suspension_lift(suspension=suspension, actor=staff, reason="", now=NOW)
    assert info.value.message == "Say why the suspension is lifted."
    suspension_lift(suspension=suspension, actor=staff, reason="Apologised", now=NOW)
    suspension.refresh_from_db()
    assert (suspension.lifted_at, suspension.lifted_by, suspension.lift_reason) == (
        NOW, staff, "Apologised")
    assert booking_create(shift=shift, family=family, member=member, now=NOW).pk
    with pytest.raises(DomainError) as info:
        suspension_lift(suspension=suspension, actor=staff, reason="Twice", now=NOW)
    assert info.value.message == "This suspension is already over or lifted."
    assert Suspension.objects.count() == 1  # history kept


def test_no_shows_before_a_suspension_do_not_count_again(line, family_and_member, technician):
    RulesFactory(factory=line.factory, no_show_limit=2)
    family = family_and_member[0]
    first, second = (booking_on(line, family_and_member, offset=-10),
                     booking_on(line, family_and_member, offset=-9))
    for booking in (first, second):
        booking_mark_no_show(booking=booking, actor=technician,
                             now=booking.starts_at + datetime.timedelta(hours=1))
    suspension = Suspension.objects.get()
    suspension_lift(suspension=suspension, actor=technician, reason="Family illness",
                    now=aware(day(-8), 12))
    third = booking_on(line, family_and_member, offset=-7)
    booking_mark_no_show(booking=third, actor=technician,
                         now=third.starts_at + datetime.timedelta(hours=1))
    assert Suspension.objects.filter(family=family).count() == 1


def checked_in(line, family_and_member, technician):
    booking = booking_on(line, family_and_member, offset=0, hour=11)
    return booking_check_in(booking=booking, actor=technician, now=aware(day(0), 11))


def log(booking, technician, **overrides):
    fields = {"description": "Quince jam 450 g", "quantity": "120", "unit": "jar",
              "lot_code": "JAM-300301-1", "quality": "passed", "quality_note": "",
              "now": aware(day(0), 16)}
    fields.update(overrides)
    return lot_log(booking=booking, actor=technician, **fields)


def test_a_lot_is_logged_and_signed_off(line, family_and_member, technician):
    booking = checked_in(line, family_and_member, technician)
    lot = log(booking, technician, lot_code="jam-300301-1")
    assert (lot.family, lot.shift, lot.description, lot.quantity, lot.unit, lot.lot_code) == (
        family_and_member[0], booking.shift, "Quince jam 450 g", Decimal("120"), "jar",
        "JAM-300301-1")
    assert (lot.signed_off_by, lot.signed_off_at, lot.quality, lot.stock) == (
        technician, aware(day(0), 16), "passed", Decimal("120"))


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"quantity": "0"}, "quantity", "The quantity must be more than zero."),
    ({"quantity": "-5"}, "quantity", "The quantity must be more than zero."),
    ({"quantity": "many"}, "quantity", "Enter the quantity as a number."),
    ({"quantity": "1.0005"}, "quantity",
     "Enter a quantity below a billion, with at most three decimals."),
    ({"description": " "}, "product", "Say what was produced."),
    ({"lot_code": ""}, "lot_code", "Give the lot a code."),
    ({"unit": "barrels"}, "unit", "Choose a unit."),
    ({"quality": "failed"}, "quality_note", "Say why the quality check failed."),
])
def test_bad_lots_are_refused_and_nothing_is_saved(line, family_and_member, technician,
                                                   overrides, field, message):
    booking = checked_in(line, family_and_member, technician)
    with pytest.raises(DomainError) as info:
        log(booking, technician, **overrides)
    assert (info.value.field, info.value.message) == (field, message)
    assert ProductionLot.objects.count() == 0


def test_a_lot_code_is_used_once(line, family_and_member, technician):
    booking = checked_in(line, family_and_member, technician)
    log(booking, technician)
    with pytest.raises(DomainError) as info:
        log(booking, technician, description="Cornel jam")
    assert (info.value.field, info.value.message) == (
        "lot_code", "Lot code JAM-300301-1 is already used.")
    assert ProductionLot.objects.count() == 1


def test_lots_only_for_a_family_that_came(line, family_and_member, technician):
    booking = booking_on(line, family_and_member, offset=0, hour=11)
    with pytest.raises(DomainError) as info:
        log(booking, technician)
    assert info.value.message == "Lots can be logged only for a family that was checked in."
    booking_check_in(booking=booking, actor=technician, now=aware(day(0), 11))
    with pytest.raises(DomainError) as info:
        log(booking, technician, now=aware(day(3), 17))
    assert info.value.message == "The shift sheet closed two days after the shift."
