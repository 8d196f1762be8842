"""The shift calendar: generating shifts from templates, closures, cancelling a shift,
assigning its technician."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from families.models import Closure, Shift, ShiftBooking, ShiftTemplate, WaitlistEntry
from families.services.bookings import load_shift
from families.services.notifications import notify
from families.timeutil import at, local_date, week_start

WEEKS_AHEAD = getattr(settings, "FAMILIES_SHIFT_WEEKS_AHEAD", 6)


def shifts_generate(*, today=None, weeks=WEEKS_AHEAD):
    """Create the shifts of every active template for `weeks` weeks from `today`, except
    on closed days. Idempotent: a shift that exists (even cancelled) for a line and start
    time is never made again (unique line + start). Returns how many were created."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(weeks=weeks)
    templates = list(ShiftTemplate.objects.filter(
        is_active=True, line__is_active=True, line__factory__is_active=True,
    ).select_related("line"))
    if not templates:
        return 0
    closures = list(Closure.objects.filter(starts_on__lt=until, ends_on__gte=today))
    existing = set(Shift.objects.filter(
        line_id__in={t.line_id for t in templates},
        starts_at__gte=at(today, datetime.time()), starts_at__lt=at(until, datetime.time()),
    ).values_list("line_id", "starts_at"))
    new = []
    for template in templates:
        line = template.line
        closed = [c for c in closures if c.line_id == line.pk or c.factory_id == line.factory_id]
        day = today
        while day < until:
            if template.runs_on(day) and not any(c.covers(day) for c in closed):
                starts = at(day, template.starts_at)
                if (line.pk, starts) not in existing:
                    existing.add((line.pk, starts))
                    new.append(Shift(
                        line=line, template=template, starts_at=starts,
                        ends_at=at(day, template.ends_at), week_start=week_start(day),
                        capacity=line.workstations, technician_id=line.default_technician_id,
                    ))
            day += datetime.timedelta(days=1)
    # ignore_conflicts: another run creating the same shift at the same moment wins.
    Shift.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)


def shift_create(*, line, starts_at, ends_at, actor, technician=None):
    """One extra shift outside the templates."""
    if ends_at <= starts_at:
        raise DomainError(_("A shift must end after it starts."), field="ends_at")
    with transaction.atomic():
        if Shift.objects.filter(line=line, starts_at=starts_at).exists():
            raise DomainError(_("This line already has a shift starting then."),
                              field="starts_at")
        shift = Shift.objects.create(
            line=line, starts_at=starts_at, ends_at=ends_at,
            week_start=week_start(local_date(starts_at)), capacity=line.workstations,
            technician=technician or line.default_technician,
        )
        audit_log(shift, "wagtail.create", user=actor)
        return shift


def shift_cancel(*, shift, actor, reason, now=None):
    """Staff cancel a shift: its bookings are cancelled with the reason (kept, not
    deleted), the families and the waiting list are e-mailed, the list is cleared."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the families a reason for cancelling the shift."),
                          field="reason")
    with transaction.atomic():
        shift = load_shift(shift.pk, lock=True)
        if shift.status == Shift.Status.CANCELLED:
            raise DomainError(_("This shift is already cancelled."))
        if shift.ends_at <= now:
            raise DomainError(_("A shift that is over cannot be cancelled."))
        bookings = list(shift.bookings.filter(status=ShiftBooking.Status.BOOKED)
                        .select_related("member"))
        entries = list(shift.waitlist.filter(status__in=WaitlistEntry.ACTIVE)
                       .select_related("member"))
        ShiftBooking.objects.filter(pk__in=[b.pk for b in bookings]).update(
            status=ShiftBooking.Status.CANCELLED, cancelled_at=now, cancelled_by=actor,
            cancel_reason=reason,
        )
        WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            status=WaitlistEntry.Status.CLEARED, responded_at=now,
        )
        Shift.objects.filter(pk=shift.pk).update(
            status=Shift.Status.CANCELLED, cancelled_at=now, cancelled_by=actor,
            cancel_reason=reason, held_count=0,
            booked_count=shift.bookings.filter(status__in=ShiftBooking.ACTIVE).count(),
        )
        for booking in bookings:
            notify(kind="shift_cancelled", recipient=booking.member, subject=booking,
                   key=f"shift_cancelled:{booking.pk}", data={"reason": reason})
        for entry in entries:
            notify(kind="waitlist_cleared", recipient=entry.member, subject=entry,
                   key=f"waitlist_cleared:{entry.pk}", data={"reason": reason})
        shift.refresh_from_db()
        audit_log(shift, "yuva.shift_cancelled", user=actor, data={
            "reason": reason, "bookings": len(bookings), "waitlist": len(entries)})
    return shift


def shift_assign_technician(*, shift, technician, actor):
    """Put a technician in charge of a shift (None takes the assignment away)."""
    if technician is not None and not (technician.is_active and technician.is_staff):
        raise DomainError(_("A technician must be an active staff member."), field="technician")
    with transaction.atomic():
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        if shift.status == Shift.Status.CANCELLED:
            raise DomainError(_("This shift is cancelled."))
        shift.technician = technician
        shift.save(update_fields=["technician"])
        audit_log(shift, "yuva.shift_technician", user=actor,
                  data={"technician": technician.pk if technician else None})
    return shift


def technicians():
    """People who can supervise a shift: active staff in the technicians' group."""
    return get_user_model().objects.filter(
        is_active=True, is_staff=True, groups__name="Factory technicians",
    ).order_by("full_name")


CLOSURE_FIELDS = ("factory", "line", "starts_on", "ends_on", "kind", "reason")


def closure_save(*, actor, closure=None, **fields):
    """Create or change a closure; scheduled shifts it now covers are cancelled (with
    the closure's reason, the families told). Shifts it no longer covers stay cancelled."""
    unknown = set(fields) - set(CLOSURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown closure fields: {sorted(unknown)}")
    creating = closure is None
    closure = closure or Closure(created_by=actor)
    for name, value in fields.items():
        setattr(closure, name, value)
    closure.full_clean()
    with transaction.atomic():
        closure.save()
        audit_log(closure, "wagtail.create" if creating else "wagtail.edit", user=actor)
        now = timezone.now()
        scope = Q(line_id=closure.line_id) if closure.line_id else Q(
            line__factory_id=closure.factory_id)
        covered = Shift.objects.filter(
            scope, status=Shift.Status.SCHEDULED, starts_at__gt=now,
            starts_at__gte=at(closure.starts_on, datetime.time()),
            starts_at__lt=at(closure.ends_on + datetime.timedelta(days=1), datetime.time()),
        )
        for shift in covered:
            shift_cancel(shift=shift, actor=actor, reason=closure.reason, now=now)
    return closure
