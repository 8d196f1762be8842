"""Booking and cancelling shifts under the published rules.

Capacity: a place is taken by one conditional UPDATE of the shift's counter
(`booked_count < capacity - held_count`); the check constraint on Shift is the backstop.
One family: the family's row is locked first (services/locking.py), then overlaps and
quotas are checked inside the same transaction; the exclusion constraint (PostgreSQL)
or trigger (SQLite) of migration 0002 is the backstop."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.errors import DomainError
from core.models import Membership
from families.models import Closure, Shift, ShiftBooking, Suspension
from families.selectors.factories import rules_for_line, trainings_missing_for
from families.services.locking import lock_family
from families.timeutil import local_date, month_bounds


def _when(moment):
    """Dates in messages as people in Azerbaijan write them, in every language."""
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _day(day):
    return day.strftime("%d.%m.%Y")


def check_member(member, family):
    if not Membership.objects.filter(user=member, enterprise_id=family.enterprise_id).exists():
        raise DomainError(_("You are not a member of this family business."))


def active_suspension(family, now):
    return (Suspension.objects.filter(family=family, lifted_at__isnull=True,
                                      starts_at__lte=now, ends_at__gt=now)
            .order_by("-ends_at").first())


def check_shift_open(shift, rules, now, *, notice=True):
    """The shift can still be booked: scheduled, not on a closed day, inside the
    booking window and (unless `notice` is False) not later than the minimum notice."""
    if shift.status == Shift.Status.CANCELLED:
        raise DomainError(_("This shift was cancelled."))
    day = local_date(shift.starts_at)
    closure = Closure.objects.filter(
        Q(line_id=shift.line_id) | Q(factory_id=shift.line.factory_id),
        starts_on__lte=day, ends_on__gte=day,
    ).first()
    if closure is not None:
        raise DomainError(_("The factory is closed on %(day)s (%(reason)s).") % {
            "day": _day(day), "reason": closure.reason})
    if shift.starts_at <= now:
        raise DomainError(_("This shift has already started."))
    if shift.starts_at > now + timedelta(days=rules.max_days_ahead):
        raise DomainError(ngettext(
            "Shifts can be booked at most %(days)s day ahead (this one from %(opens)s).",
            "Shifts can be booked at most %(days)s days ahead (this one from %(opens)s).",
            rules.max_days_ahead,
        ) % {"days": rules.max_days_ahead,
             "opens": _when(shift.starts_at - timedelta(days=rules.max_days_ahead))},
            field="shift")
    if notice and shift.starts_at < now + timedelta(hours=rules.min_notice_hours):
        raise DomainError(ngettext(
            "Booking closes %(hours)s hour before the shift starts.",
            "Booking closes %(hours)s hours before the shift starts.", rules.min_notice_hours,
        ) % {"hours": rules.min_notice_hours}, field="shift")


def check_family_may_book(family, member, shift, rules, now):
    """The family's side of the rules: not suspended, the member trained, not booked
    already, no overlap, within the weekly and monthly quota. Run under the family's
    lock, inside the booking transaction."""
    suspension = active_suspension(family, now)
    if suspension is not None:
        raise DomainError(_("Your family cannot book shifts until %(until)s (%(reason)s).") % {
            "until": _when(suspension.ends_at), "reason": suspension.reason})
    missing = trainings_missing_for(member, [shift.line])[shift.line.pk]
    if missing:
        raise DomainError(_("%(line)s needs this training first: %(trainings)s.") % {
            "line": shift.line.name, "trainings": ", ".join(t.name for t in missing)})
    active = ShiftBooking.objects.filter(family=family, status__in=ShiftBooking.ACTIVE)
    # One query for both: the shift itself overlaps itself.
    overlapping = (active.filter(starts_at__lt=shift.ends_at, ends_at__gt=shift.starts_at)
                   .select_related("shift__line").order_by("-shift_id").first())
    if overlapping is not None and overlapping.shift_id == shift.pk:
        raise DomainError(_("Your family has already booked this shift."))
    if overlapping is not None:
        raise DomainError(_("Your family already has a shift at that time (%(line)s, "
                            "%(when)s).") % {"line": overlapping.shift.line.name,
                                            "when": _when(overlapping.starts_at)})
    if rules.line_id:
        in_scope = active.filter(shift__line_id=rules.line_id)
    else:
        in_scope = active.filter(shift__line__factory_id=shift.line.factory_id)
    month_from, month_to = month_bounds(local_date(shift.starts_at))
    counts = in_scope.aggregate(
        week=Count("pk", filter=Q(shift__week_start=shift.week_start)),
        month=Count("pk", filter=Q(starts_at__gte=month_from, starts_at__lt=month_to)),
    )
    scope = rules.scope_label()
    if counts["week"] >= rules.quota_per_week:
        raise DomainError(ngettext(
            "Your family already has %(count)s shift at %(scope)s in that week, the most "
            "a family can book.",
            "Your family already has %(count)s shifts at %(scope)s in that week, the most "
            "a family can book.", rules.quota_per_week,
        ) % {"count": rules.quota_per_week, "scope": scope})
    if counts["month"] >= rules.quota_per_month:
        raise DomainError(ngettext(
            "Your family already has %(count)s shift at %(scope)s in that month, the most "
            "a family can book.",
            "Your family already has %(count)s shifts at %(scope)s in that month, the most "
            "a family can book.", rules.quota_per_month,
        ) % {"count": rules.quota_per_month, "scope": scope})


def load_shift(shift_id, *, lock=False):
    """The shift with its line, rules and trainings. With `lock`, its row is locked
    (PostgreSQL) for the rest of the transaction. Lock order everywhere: the family,
    then the shift, then its bookings or waiting-list entries, so no two writers wait
    on each other in a cycle."""
    shifts = Shift.objects.select_related(
        "line__factory__booking_rules", "line__booking_rules",
    ).prefetch_related("line__required_trainings")
    if lock:
        shifts = shifts.select_for_update(of=("self",))
    return shifts.get(pk=shift_id)


def _create_booking(*, shift, family, member, source, now):
    """Insert the booking. Called last in its transaction: if the database's backstop
    refuses it, the DomainError raised here rolls the whole transaction back (so no
    savepoint is needed)."""
    try:
        return ShiftBooking.objects.create(
            shift=shift, family=family, member=member, source=source,
            starts_at=shift.starts_at, ends_at=shift.ends_at, created_at=now,
        )
    except IntegrityError as exc:  # the database's backstop caught what the checks missed
        raise DomainError(_("Your family already has a shift at that time.")) from exc


def booking_create(*, shift, family, member, now=None):
    """Book a place on `shift` for `family`, for `member` (who must be a member of it and
    have the line's trainings). Raises DomainError with the rule that stops it."""
    now = now or timezone.now()
    with transaction.atomic():
        family = lock_family(family)
        check_member(member, family)
        shift = load_shift(shift.pk, lock=True)
        rules = rules_for_line(shift.line)
        check_shift_open(shift, rules, now)
        if shift.free_places <= 0:
            # The common refusal when many want few places: answered before the rest.
            if ShiftBooking.objects.filter(shift=shift, family=family,
                                           status__in=ShiftBooking.ACTIVE).exists():
                raise DomainError(_("Your family has already booked this shift."))
            raise DomainError(_("This shift is full. You can join its waiting list."),
                              field="full")
        check_family_may_book(family, member, shift, rules, now)
        taken = Shift.objects.filter(
            pk=shift.pk, status=Shift.Status.SCHEDULED,
            booked_count__lt=F("capacity") - F("held_count"),
        ).update(booked_count=F("booked_count") + 1)
        if not taken:
            raise DomainError(_("This shift is full. You can join its waiting list."),
                              field="full")
        return _create_booking(shift=shift, family=family, member=member,
                               source=ShiftBooking.Source.DIRECT, now=now)


def booking_cancel(*, booking, actor, now=None, reason=""):
    """A family member cancels their family's booking, until the cut-off. The place goes
    to the first family on the waiting list (held for it), or back to the calendar."""
    from families.services.waitlist import place_freed

    now = now or timezone.now()
    with transaction.atomic():
        shift = load_shift(booking.shift_id, lock=True)
        booking = (ShiftBooking.objects.select_for_update(of=("self",))
                   .select_related("family").get(pk=booking.pk))
        check_member(actor, booking.family)
        if booking.status != ShiftBooking.Status.BOOKED:
            raise DomainError(_("Only a booking that is still booked can be cancelled."))
        rules = rules_for_line(shift.line)
        cutoff = booking.starts_at - timedelta(hours=rules.cancel_cutoff_hours)
        if now > cutoff:
            raise DomainError(ngettext(
                "Bookings can be cancelled until %(hours)s hour before the shift starts "
                "(for this one, until %(cutoff)s).",
                "Bookings can be cancelled until %(hours)s hours before the shift starts "
                "(for this one, until %(cutoff)s).", rules.cancel_cutoff_hours,
            ) % {"hours": rules.cancel_cutoff_hours, "cutoff": _when(cutoff)})
        booking.status = ShiftBooking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = actor
        booking.cancel_reason = reason or _("Cancelled by the family")
        booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
        place_freed(shift=shift, rules=rules, now=now, from_booking=True)
    return booking
