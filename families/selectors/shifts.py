"""Reads of the shift calendar: the family's month calendar, the staff lists, the
technician's sheet, unassigned shifts."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from families.models import Shift, ShiftBooking, WaitlistEntry
from families.selectors.factories import lines_for_portal, rules_for_line, trainings_missing_for
from families.timeutil import day_bounds, local_date, month_bounds, month_start


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    shifts: list = field(default_factory=list)


@dataclass
class MonthCalendar:
    month: datetime.date
    lines: list
    missing: dict  # line id → [Training]
    weeks: list  # [[CalendarDay × 7]]
    previous: datetime.date
    next: datetime.date

    @property
    def blocked_lines(self):
        return [(line, self.missing[line.pk]) for line in self.lines if self.missing[line.pk]]


def shifts_with_family_state(shifts, family):
    """Annotate each shift with the family's booking and waiting-list place on it."""
    mine = ShiftBooking.objects.filter(shift=OuterRef("pk"), family=family,
                                       status__in=ShiftBooking.ACTIVE)
    waiting = WaitlistEntry.objects.filter(shift=OuterRef("pk"), family=family,
                                           status__in=WaitlistEntry.ACTIVE)
    return shifts.annotate(
        my_booking_id=Subquery(mine.values("pk")[:1]),
        my_booking_status=Subquery(mine.values("status")[:1]),
        my_entry_id=Subquery(waiting.values("pk")[:1]),
        my_entry_status=Subquery(waiting.values("status")[:1]),
    )


def mark_booking_window(shifts, now):
    """Set `opens_at` and `closes_at` on each shift from its line's rules (selected with
    the line: no queries), so the page can say "opens on ..." or "booking closed"."""
    for shift in shifts:
        rules = rules_for_line(shift.line)
        shift.opens_at = shift.starts_at - datetime.timedelta(days=rules.max_days_ahead)
        shift.closes_at = shift.starts_at - datetime.timedelta(hours=rules.min_notice_hours)
    return shifts


def month_calendar(*, family, member, month, factory=None, line=None, now=None):
    """The month's coming shifts of the portal's lines, by day, with the family's place
    on each, its booking window and, per line, the trainings `member` still needs. A
    constant number of queries."""
    now = now or timezone.now()
    month = month_start(month)
    lines = lines_for_portal()
    if factory is not None:
        lines = lines.filter(factory=factory)
    if line is not None:
        lines = lines.filter(pk=line.pk)
    lines = list(lines)
    missing = trainings_missing_for(member, lines)
    start, end = month_bounds(month)
    shifts = shifts_with_family_state(
        Shift.objects.filter(line__in=[ln.pk for ln in lines], starts_at__gte=max(start, now),
                             starts_at__lt=end, status=Shift.Status.SCHEDULED)
        .select_related("line__factory__booking_rules", "line__booking_rules")
        .order_by("starts_at", "line__name"),
        family,
    )
    by_day = {}
    for shift in mark_booking_window(list(shifts), now):
        shift.missing_trainings = missing[shift.line_id]
        by_day.setdefault(local_date(shift.starts_at), []).append(shift)
    weeks = [
        [CalendarDay(day=day, in_month=day.month == month.month, shifts=by_day.get(day, []))
         for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    return MonthCalendar(
        month=month, lines=lines, missing=missing, weeks=weeks,
        previous=month_start(month - datetime.timedelta(days=1)),
        next=month_start(month + datetime.timedelta(days=32)),
    )


def upcoming_bookings_of(family, now=None):
    now = now or timezone.now()
    return (ShiftBooking.objects.filter(family=family, status__in=ShiftBooking.ACTIVE,
                                        ends_at__gt=now)
            .select_related("shift__line__factory__centre", "member").order_by("starts_at"))


def past_bookings_of(family, now=None, limit=20):
    now = now or timezone.now()
    return (ShiftBooking.objects.filter(family=family, ends_at__lte=now)
            .select_related("shift__line__factory").order_by("-starts_at")[:limit])


def waitlist_of(family, now=None):
    """The family's live waiting-list places, with their position in the queue."""
    now = now or timezone.now()
    ahead = WaitlistEntry.objects.filter(
        shift=OuterRef("shift"), status=WaitlistEntry.Status.WAITING,
    ).filter(Q(created_at__lt=OuterRef("created_at"))
             | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
    return (WaitlistEntry.objects.filter(family=family, status__in=WaitlistEntry.ACTIVE,
                                         shift__starts_at__gt=now)
            .select_related("shift__line__factory")
            .annotate(ahead=Subquery(ahead.order_by().values("shift").annotate(n=Count("pk"))
                                     .values("n")[:1]))
            .order_by("shift__starts_at"))


def feed_bookings_for(user, now=None):
    """Bookings of every family `user` belongs to, from a month ago on, for the .ics."""
    now = now or timezone.now()
    return (ShiftBooking.objects.filter(family__enterprise__memberships__user=user,
                                        status__in=ShiftBooking.ACTIVE,
                                        starts_at__gte=now - datetime.timedelta(days=31))
            .select_related("shift__line__factory__centre", "family__enterprise")
            .order_by("starts_at"))


def shifts_for_staff():
    return Shift.objects.select_related("line__factory", "technician").annotate(
        free=F("capacity") - F("booked_count") - F("held_count"),
    ).order_by("-starts_at", "line__name", "pk")


def unassigned_shifts_soon(now=None, hours=48):
    """Scheduled shifts starting within `hours` that have no technician yet."""
    now = now or timezone.now()
    return (Shift.objects.filter(status=Shift.Status.SCHEDULED, technician__isnull=True,
                                 starts_at__gte=now,
                                 starts_at__lt=now + datetime.timedelta(hours=hours))
            .select_related("line__factory").order_by("starts_at", "pk"))


def sheet_shifts(*, day, technician=None):
    """The shifts of a day for the shift sheet, the technician's own first."""
    start, end = day_bounds(day)
    shifts = (Shift.objects.filter(starts_at__gte=start, starts_at__lt=end)
              .select_related("line__factory", "technician")
              .annotate(checked_in=Count("bookings", distinct=True, filter=Q(
                  bookings__status=ShiftBooking.Status.CHECKED_IN)),
                        lot_count=Count("lots", distinct=True))
              .order_by("starts_at", "line__name", "pk"))
    if technician is not None:
        shifts = shifts.filter(technician=technician)
    return shifts


def sheet_bookings(shift):
    """Who is booked on a shift, with their lots (prefetched), for the sheet."""
    from django.db.models import Prefetch

    from families.models import ProductionLot

    return (ShiftBooking.objects.filter(shift=shift, status__in=ShiftBooking.ACTIVE)
            .select_related("family__enterprise", "member")
            .prefetch_related(Prefetch("lots", queryset=ProductionLot.objects
                                       .select_related("product").order_by("pk")))
            .order_by("family__enterprise__name", "pk"))


def shift_for_sheet(pk):
    return Shift.objects.select_related("line__factory__centre", "technician").get(pk=pk)

