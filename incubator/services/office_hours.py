"""Office hours: a mentor publishes slots, a founder (or staff on their behalf) books
one for their startup, either side cancels; both get an e-mail with an .ics file.

One booking per slot is guarded by the database: booking claims the slot with a
conditional UPDATE (status open → booked, only while it is open and in the future), so
of any number of simultaneous attempts exactly one changes a row; a partial unique
constraint (one active booking per slot) is the backstop."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Membership
from incubator.models import Mentor, MentoringSession, OfficeHourSlot, SlotBooking

MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_DAYS_AHEAD = 180
TOPIC_MAX = 2000


def cancel_hours():
    return getattr(settings, "YUVA_OFFICE_HOURS_CANCEL_HOURS", 24)


def cancel_deadline(slot):
    """Until when a founder may cancel a booking of `slot`."""
    return slot.starts_at - datetime.timedelta(hours=cancel_hours())


def _validate_slot(*, starts_at, duration_minutes, mode, place, link, now):
    if starts_at is None or timezone.is_naive(starts_at):
        raise DomainError(_("Give the date and time the slot starts."), field="starts_at")
    if starts_at <= now:
        raise DomainError(_("A slot must start in the future."), field="starts_at")
    if starts_at > now + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise DomainError(_("Slots can be published at most %(days)s days ahead.") % {
            "days": MAX_DAYS_AHEAD}, field="starts_at")
    if not isinstance(duration_minutes, int) or not (
            MIN_MINUTES <= duration_minutes <= MAX_MINUTES):
        raise DomainError(_("A slot lasts from %(min)s to %(max)s minutes.") % {
            "min": MIN_MINUTES, "max": MAX_MINUTES}, field="duration_minutes")
    if mode not in OfficeHourSlot.Mode.values:
        raise DomainError(_("Choose online or in person."), field="mode")
    if mode == OfficeHourSlot.Mode.IN_PERSON and not place:
        raise DomainError(_("Say where the meeting takes place."), field="place")
    if mode == OfficeHourSlot.Mode.ONLINE:
        if not link:
            raise DomainError(_("Give the link of the online meeting."), field="link")
        try:
            URLValidator(schemes=["https", "http"])(link)
        except ValidationError as exc:
            raise DomainError(_("Enter a meeting link starting with https://."),
                              field="link") from exc


@transaction.atomic
def slot_publish(*, mentor, actor, starts_at, duration_minutes, mode, place="", link=""):
    """Publish an open slot of `mentor`. Refused in the past, for an inactive mentor, and
    when it overlaps one of the mentor's slots that is not cancelled (the mentor's row is
    locked first, so two overlapping slots published at once cannot both pass)."""
    now = timezone.now()
    place, link = (place or "").strip(), (link or "").strip()
    _validate_slot(starts_at=starts_at, duration_minutes=duration_minutes, mode=mode,
                   place=place, link=link, now=now)
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    if not mentor.is_active:
        raise DomainError(_("Only an active mentor can publish office hours."))
    ends_at = starts_at + datetime.timedelta(minutes=duration_minutes)
    overlapping = OfficeHourSlot.objects.filter(
        mentor=mentor, starts_at__lt=ends_at, ends_at__gt=starts_at,
    ).exclude(status=OfficeHourSlot.Status.CANCELLED).first()
    if overlapping is not None:
        raise DomainError(_("This overlaps your slot at %(when)s.") % {
            "when": timezone.localtime(overlapping.starts_at).strftime("%d.%m.%Y %H:%M")},
            field="starts_at")
    slot = OfficeHourSlot.objects.create(
        mentor=mentor, starts_at=starts_at, ends_at=ends_at, mode=mode,
        place=place if mode == OfficeHourSlot.Mode.IN_PERSON else "",
        link=link if mode == OfficeHourSlot.Mode.ONLINE else "",
    )
    audit_log(slot, "wagtail.create", user=actor)
    return slot


@transaction.atomic
def slot_cancel(*, slot, actor, reason=""):
    """The mentor (or staff) withdraws a slot before it starts; its booking, if any, is
    cancelled with it and the founder is told."""
    now = timezone.now()
    updated = OfficeHourSlot.objects.filter(
        pk=slot.pk, starts_at__gt=now,
        status__in=[OfficeHourSlot.Status.OPEN, OfficeHourSlot.Status.BOOKED],
    ).update(status=OfficeHourSlot.Status.CANCELLED, cancelled_at=now)
    if not updated:
        slot.refresh_from_db()
        if slot.status == OfficeHourSlot.Status.CANCELLED:
            raise DomainError(_("This slot is already cancelled."))
        raise DomainError(_("This slot has already started."))
    booking = SlotBooking.objects.filter(slot=slot, status=SlotBooking.Status.ACTIVE).first()
    if booking is not None:
        _cancel_booking_rows(booking, actor=actor, now=now,
                             reason=reason or _("The mentor cancelled the slot."))
    slot.refresh_from_db()
    audit_log(slot, "yuva.slot_cancelled", user=actor, data={"reason": reason})
    return slot


def _slot_refusal(slot):
    slot.refresh_from_db()
    if slot.status == OfficeHourSlot.Status.BOOKED:
        return _("Someone else has just booked this slot. Please choose another one.")
    if slot.status == OfficeHourSlot.Status.CANCELLED:
        return _("The mentor has cancelled this slot.")
    return _("This slot has already started. Please choose a later one.")


@transaction.atomic
def booking_create(*, slot, startup, founder, actor, topic=""):
    """Book `slot` for `startup`; `founder` (a member of the startup) attends. `actor`
    is the founder, or a staff member booking on their behalf. Creates the planned
    MentoringSession and e-mails both sides an .ics after commit."""
    topic = (topic or "").strip()
    if len(topic) > TOPIC_MAX:
        raise DomainError(_("Keep the topic under %(max)s characters.") % {"max": TOPIC_MAX},
                          field="topic")
    if not Membership.objects.filter(user=founder, enterprise_id=startup.enterprise_id).exists():
        raise DomainError(_("%(person)s is not a member of %(startup)s.") % {
            "person": founder, "startup": startup}, field="founder")
    mentor = Mentor.objects.get(pk=slot.mentor_id)
    if not mentor.is_active:
        raise DomainError(_("This mentor is not taking bookings at the moment."))
    if Membership.objects.filter(user_id=mentor.user_id,
                                 enterprise_id=startup.enterprise_id).exists():
        raise DomainError(_("A mentor's office hours cannot be booked for their own startup."),
                          field="startup")
    now = timezone.now()
    claimed = OfficeHourSlot.objects.filter(
        pk=slot.pk, status=OfficeHourSlot.Status.OPEN, starts_at__gt=now,
    ).update(status=OfficeHourSlot.Status.BOOKED)
    if not claimed:
        raise DomainError(_slot_refusal(slot))
    try:
        with transaction.atomic():
            booking = SlotBooking.objects.create(
                slot_id=slot.pk, startup=startup, founder=founder, booked_by=actor,
                topic=topic,
            )
    except IntegrityError as exc:  # the constraint's backstop; the claim above wins first
        raise DomainError(_("Someone else has just booked this slot. Please choose another "
                            "one.")) from exc
    slot.refresh_from_db()
    MentoringSession.objects.create(
        mentor=mentor, startup=startup, booking=booking, starts_at=slot.starts_at,
        duration_minutes=slot.duration_minutes, created_by=actor,
    )
    audit_log(booking, "yuva.slot_booked", user=actor, data={
        "slot": slot.pk, "startup": startup.pk, "founder": founder.pk,
        "on_behalf": actor is not None and actor.pk != founder.pk,
    })
    from incubator.tasks import booking_notice_task

    booking_notice_task.delay_on_commit(booking.pk, "booked")
    return booking


def _cancel_booking_rows(booking, *, actor, now, reason):
    updated = SlotBooking.objects.filter(pk=booking.pk, status=SlotBooking.Status.ACTIVE).update(
        status=SlotBooking.Status.CANCELLED, cancelled_at=now, cancelled_by=actor,
        cancel_reason=reason[:255],
    )
    if not updated:
        raise DomainError(_("This booking is already cancelled."))
    MentoringSession.objects.filter(
        booking_id=booking.pk, status=MentoringSession.Status.PLANNED,
    ).update(status=MentoringSession.Status.CANCELLED, cancelled_at=now)
    audit_log(booking, "yuva.booking_cancelled", user=actor, data={"reason": reason})
    from incubator.tasks import booking_notice_task

    booking_notice_task.delay_on_commit(booking.pk, "cancelled")


@transaction.atomic
def booking_cancel(*, booking, actor, reason="", override_deadline=False):
    """Cancel a booking before the session starts; the slot opens again for others.
    A founder may cancel until YUVA_OFFICE_HOURS_CANCEL_HOURS (24) hours before the
    start; staff pass `override_deadline=True` to cancel later."""
    now = timezone.now()
    slot = OfficeHourSlot.objects.get(pk=booking.slot_id)
    if slot.starts_at <= now:
        raise DomainError(_("This session has already started and can no longer be "
                            "cancelled."))
    if not override_deadline and now > cancel_deadline(slot):
        raise DomainError(_("A booking can be cancelled until %(hours)s hours before it "
                            "starts. Please contact the centre.") % {"hours": cancel_hours()})
    _cancel_booking_rows(booking, actor=actor, now=now, reason=(reason or "").strip())
    OfficeHourSlot.objects.filter(pk=slot.pk, status=OfficeHourSlot.Status.BOOKED).update(
        status=OfficeHourSlot.Status.OPEN)
    booking.refresh_from_db()
    return booking
