"""The shift calendar: generating shifts from templates (idempotent, closures skipped),
closures cancelling shifts, staff cancelling a shift (bookings kept as cancelled with the
reason, families e-mailed, the waiting list cleared), technicians."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import DomainError
from families.models import Closure, Shift, ShiftBooking, ShiftTemplate, WaitlistEntry
from families.services.bookings import booking_create
from families.services.setup import shift_template_save
from families.services.shifts import (
    closure_save,
    shift_assign_technician,
    shift_cancel,
    shifts_generate,
)
from families.services.waitlist import waitlist_join
from families.timeutil import at
from tests.factories import UserFactory
from tests.factories.families import (
    LineFactory,
    family_member,
    next_monday,
    shift_at,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
H = datetime.time


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, full_name="Aysel Məmmədova")


@pytest.fixture
def line():
    technician = UserFactory(is_staff=True)
    return LineFactory(name="Jam line", workstations=6, default_technician=technician)


def template(line, staff, weekdays=(0, 1, 2, 3, 4), starts=8, ends=13):
    return shift_template_save(actor=staff, line=line, weekdays=list(weekdays),
                               starts_at=H(starts), ends_at=H(ends))


def test_generating_shifts_from_templates_is_idempotent(line, staff):
    template(line, staff)
    template(line, staff, weekdays=(5,), starts=14, ends=19)
    monday = next_monday()
    assert shifts_generate(today=monday, weeks=2) == 12  # 2 × (5 mornings + a Saturday)
    assert shifts_generate(today=monday, weeks=2) == 0
    assert shifts_generate(today=monday, weeks=3) == 6
    shifts = list(Shift.objects.filter(line=line).order_by("starts_at"))
    assert len(shifts) == 18
    first = shifts[0]
    assert timezone.localtime(first.starts_at).replace(tzinfo=None) == \
        datetime.datetime.combine(monday, H(8))
    assert (first.capacity, first.week_start, first.technician) == (
        6, monday, line.default_technician)
    saturday = [s for s in shifts if timezone.localtime(s.starts_at).weekday() == 5]
    assert [timezone.localtime(s.starts_at).hour for s in saturday] == [14, 14, 14]


def test_closed_days_and_inactive_templates_make_no_shifts(line, staff):
    template(line, staff)
    inactive = template(line, staff, starts=14, ends=19)
    ShiftTemplate.objects.filter(pk=inactive.pk).update(is_active=False)
    monday = next_monday()
    Closure.objects.create(factory=line.factory, starts_on=monday,
                           ends_on=monday + datetime.timedelta(days=1), reason="Novruz")
    Closure.objects.create(line=line, starts_on=monday + datetime.timedelta(days=4),
                           ends_on=monday + datetime.timedelta(days=4), reason="Service",
                           kind=Closure.Kind.MAINTENANCE)
    assert shifts_generate(today=monday, weeks=1) == 2  # Wednesday and Thursday


def test_a_template_needs_weekdays_and_an_end_after_its_start(line, staff):
    with pytest.raises(DomainError) as info:
        shift_template_save(actor=staff, line=line, weekdays=[], starts_at=H(8), ends_at=H(13))
    assert info.value.message == "Choose at least one weekday."
    with pytest.raises(DomainError) as info:
        shift_template_save(actor=staff, line=line, weekdays=[1], starts_at=H(13), ends_at=H(8))
    assert info.value.message == "A shift must end after it starts."


def test_staff_cancel_a_shift_bookings_kept_families_emailed_waitlist_cleared(
        line, staff, django_capture_on_commit_callbacks):
    line.workstations = 1
    line.save()
    shift = shift_at(line, next_monday(), 8)
    family, member = family_member(preferred_language="en", full_name="Günel Quliyeva")
    other, waiting_member = family_member(preferred_language="en", full_name="Rəna Qafarova")
    booking = booking_create(shift=shift, family=family, member=member)
    entry = waitlist_join(shift=shift, family=other, member=waiting_member)

    with django_capture_on_commit_callbacks(execute=True):
        shift_cancel(shift=shift, actor=staff, reason="The kettle is broken")

    shift.refresh_from_db()
    booking.refresh_from_db()
    entry.refresh_from_db()
    assert shift.status == Shift.Status.CANCELLED
    assert (shift.cancelled_by, shift.cancel_reason) == (staff, "The kettle is broken")
    assert (shift.booked_count, shift.held_count) == (0, 0)
    assert booking.status == ShiftBooking.Status.CANCELLED
    assert (booking.cancelled_by, booking.cancel_reason) == (staff, "The kettle is broken")
    assert entry.status == WaitlistEntry.Status.CLEARED
    assert ShiftBooking.objects.count() == 1  # nothing deleted
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted([
        (member.email, f"Shift cancelled: Jam line, {timezone.localtime(shift.starts_at):%d.%m.%Y} "
                       "08:00"),
        (waiting_member.email, f"Shift cancelled: Jam line, "
                               f"{timezone.localtime(shift.starts_at):%d.%m.%Y} 08:00"),
    ])
    body = next(m.body for m in mail.outbox if m.to == [member.email])
    assert "The reason: The kettle is broken" in body

    with pytest.raises(DomainError) as info:
        shift_cancel(shift=shift, actor=staff, reason="Again")
    assert info.value.message == "This shift is already cancelled."


def test_cancelling_needs_a_reason_and_a_shift_not_over(line, staff):
    shift = shift_at(line, next_monday(), 8)
    with pytest.raises(DomainError) as info:
        shift_cancel(shift=shift, actor=staff, reason="  ")
    assert info.value.message == "Give the families a reason for cancelling the shift."
    past = shift_at(line, timezone.localdate() - datetime.timedelta(days=2), 8)
    with pytest.raises(DomainError) as info:
        shift_cancel(shift=past, actor=staff, reason="Late")
    assert info.value.message == "A shift that is over cannot be cancelled."


def test_a_closure_cancels_the_shifts_it_covers(line, staff):
    monday = next_monday()
    covered = shift_at(line, monday, 8)
    outside = shift_at(line, monday + datetime.timedelta(days=2), 8)
    closure = closure_save(actor=staff, factory=line.factory, starts_on=monday,
                           ends_on=monday + datetime.timedelta(days=1),
                           kind=Closure.Kind.HOLIDAY, reason="Novruz")
    covered.refresh_from_db()
    outside.refresh_from_db()
    assert (covered.status, covered.cancel_reason) == (Shift.Status.CANCELLED, "Novruz")
    assert outside.status == Shift.Status.SCHEDULED
    assert closure.created_by == staff


def test_assigning_a_technician(line, staff):
    shift = shift_at(line, next_monday(), 8, technician=None)
    technician = UserFactory(is_staff=True)
    shift_assign_technician(shift=shift, technician=technician, actor=staff)
    shift.refresh_from_db()
    assert shift.technician == technician
    with pytest.raises(DomainError) as info:
        shift_assign_technician(shift=shift, technician=UserFactory(), actor=staff)
    assert info.value.message == "A technician must be an active staff member."


def test_generated_shift_times_follow_baku_time(line, staff):
    template(line, staff, weekdays=(0,), starts=8, ends=13)
    monday = next_monday()
    shifts_generate(today=monday, weeks=1)
    shift = Shift.objects.get(line=line)
    assert shift.starts_at == at(monday, H(8))
    assert shift.starts_at.astimezone(datetime.UTC).hour == 4  # Baku is UTC+4
