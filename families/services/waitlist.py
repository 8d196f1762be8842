"""The waiting list of a full shift. A freed place is held for the first waiting family
(the shift's held_count) and offered by e-mail until a deadline; taking it turns the
hold into a booking, declining or letting it expire passes it to the next family, and
with nobody left it goes back to the calendar."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from families.models import Shift, ShiftBooking, WaitlistEntry
from families.selectors.factories import rules_for_line
from families.services.bookings import (
    _create_booking,
    check_family_may_book,
    check_member,
    check_shift_open,
    load_shift,
)
from families.services.locking import lock_family
from families.services.notifications import notify


def place_freed(*, shift, rules, now, from_booking):
    """A place of `shift` is free: a cancelled booking (`from_booking`) or a held place
    whose offer ended. Offer it to the next waiting family, or release it. Runs inside
    the caller's transaction."""
    offered = None
    too_late = shift.starts_at < now + timedelta(hours=max(rules.min_notice_hours, 1))
    if shift.status == Shift.Status.SCHEDULED and not too_late:
        expires = min(now + timedelta(hours=rules.waitlist_hold_hours), shift.starts_at)
        candidates = WaitlistEntry.objects.filter(
            shift_id=shift.pk, status=WaitlistEntry.Status.WAITING,
        ).order_by("created_at", "pk").values_list("pk", flat=True)
        for entry_id in candidates[:20]:
            if WaitlistEntry.objects.filter(pk=entry_id, status=WaitlistEntry.Status.WAITING) \
                    .update(status=WaitlistEntry.Status.OFFERED, offered_at=now,
                            offer_expires_at=expires):
                offered = WaitlistEntry.objects.select_related("member").get(pk=entry_id)
                break
    if offered is not None:
        if from_booking:
            Shift.objects.filter(pk=shift.pk).update(booked_count=F("booked_count") - 1,
                                                     held_count=F("held_count") + 1)
        notify(kind="waitlist_offer", recipient=offered.member, subject=offered,
               key=f"waitlist_offer:{offered.pk}")
    elif from_booking:
        Shift.objects.filter(pk=shift.pk).update(booked_count=F("booked_count") - 1)
    else:
        Shift.objects.filter(pk=shift.pk).update(held_count=F("held_count") - 1)
    return offered


def waitlist_join(*, shift, family, member, now=None):
    """Put `family` on the waiting list of a full shift."""
    now = now or timezone.now()
    with transaction.atomic():
        family = lock_family(family)
        check_member(member, family)
        shift = load_shift(shift.pk, lock=True)
        rules = rules_for_line(shift.line)
        check_shift_open(shift, rules, now)
        check_family_may_book(family, member, shift, rules, now)
        if shift.free_places > 0:
            raise DomainError(_("This shift still has free places: book it directly."))
        try:
            with transaction.atomic():
                return WaitlistEntry.objects.create(shift=shift, family=family, member=member)
        except IntegrityError as exc:
            raise DomainError(_("Your family is already on the waiting list of this shift.")) \
                from exc


def _entry_for_update(entry):
    return (WaitlistEntry.objects.select_for_update(of=("self",))
            .select_related("family").get(pk=entry.pk))


def waitlist_accept(*, entry, member, now=None):
    """Take the place offered to the family: the held place becomes its booking."""
    now = now or timezone.now()
    with transaction.atomic():
        family = lock_family(entry.family)
        check_member(member, family)
        shift = load_shift(entry.shift_id, lock=True)
        entry = _entry_for_update(entry)
        if entry.status != WaitlistEntry.Status.OFFERED:
            raise DomainError(_("There is no place offered to your family on this shift."))
        if entry.offer_expires_at <= now:
            raise DomainError(_("This offer has expired."))
        rules = rules_for_line(shift.line)
        check_shift_open(shift, rules, now, notice=False)
        check_family_may_book(family, member, shift, rules, now)
        moved = Shift.objects.filter(
            pk=shift.pk, status=Shift.Status.SCHEDULED, held_count__gt=0,
        ).update(held_count=F("held_count") - 1, booked_count=F("booked_count") + 1)
        if not moved:
            raise DomainError(_("This offer is no longer valid."))
        booking = _create_booking(shift=shift, family=family, member=member,
                                  source=ShiftBooking.Source.WAITLIST, now=now)
        WaitlistEntry.objects.filter(pk=entry.pk).update(
            status=WaitlistEntry.Status.ACCEPTED, responded_at=now)
        return booking


def waitlist_leave(*, entry, member, now=None):
    """Leave the list, or decline the place offered; an offered place passes on."""
    now = now or timezone.now()
    with transaction.atomic():
        check_member(member, entry.family)
        shift = load_shift(entry.shift_id, lock=True)
        entry = _entry_for_update(entry)
        if entry.status == WaitlistEntry.Status.WAITING:
            entry.status = WaitlistEntry.Status.LEFT
        elif entry.status == WaitlistEntry.Status.OFFERED:
            entry.status = WaitlistEntry.Status.DECLINED
        else:
            raise DomainError(_("Your family is no longer on the waiting list of this shift."))
        entry.responded_at = now
        entry.save(update_fields=["status", "responded_at"])
        if entry.status == WaitlistEntry.Status.DECLINED:
            place_freed(shift=shift, rules=rules_for_line(shift.line), now=now,
                        from_booking=False)
        return entry


def waitlist_offers_expire(*, now=None):
    """The scheduled sweep: offers past their deadline expire and their place passes on.
    Idempotent: each offer is expired once, by a conditional update."""
    now = now or timezone.now()
    expired = 0
    due = list(WaitlistEntry.objects.filter(
        status=WaitlistEntry.Status.OFFERED, offer_expires_at__lte=now,
    ).values_list("pk", "shift_id"))
    for entry_id, shift_id in due:
        with transaction.atomic():
            shift = load_shift(shift_id, lock=True)
            if not WaitlistEntry.objects.filter(
                pk=entry_id, status=WaitlistEntry.Status.OFFERED, offer_expires_at__lte=now,
            ).update(status=WaitlistEntry.Status.EXPIRED, responded_at=now):
                continue
            place_freed(shift=shift, rules=rules_for_line(shift.line), now=now,
                        from_booking=False)
            expired += 1
    return expired
