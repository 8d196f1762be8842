"""E-mails about office-hour bookings: to the founder and to the mentor, each in their
own language, with the booking as an .ics attachment. Run by a task after commit."""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from incubator.ics import booking_ics
from incubator.models import SlotBooking

logger = logging.getLogger(__name__)

BOOKED, CANCELLED = "booked", "cancelled"
KINDS = (BOOKED, CANCELLED)


def when_text(starts_at):
    """A session's start as people read it, in the active language and local time."""
    return formats.date_format(timezone.localtime(starts_at), "j E Y, H:i")


def _message(*, booking, recipient, role, kind, ics):
    with translation.override(recipient.preferred_language):
        context = {"booking": booking, "slot": booking.slot, "role": role,
                   "mentor": booking.slot.mentor.user, "startup": booking.startup,
                   "when": when_text(booking.slot.starts_at), "kind": kind}
        values = {"mentor": booking.slot.mentor.user.get_full_name(),
                  "startup": booking.startup.enterprise.name, "when": context["when"]}
        if kind == BOOKED:
            subject = _("Office hours booked: %(mentor)s and %(startup)s, %(when)s") % values
        else:
            subject = _("Office hours cancelled: %(mentor)s and %(startup)s, %(when)s") % values
        body = render_to_string("incubator/email/booking_notice.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[recipient.email])
    method = "CANCEL" if kind == CANCELLED else "PUBLISH"
    message.attach("office-hours.ics", ics, f"text/calendar; method={method}")
    return message


def booking_notice_send(*, booking_id, kind):
    """Send the `kind` notice ("booked" or "cancelled") of a booking once. The row is
    claimed in the same transaction as the sending, so a failed send is retried by
    running the job again and a second run sends nothing. Returns the number of
    e-mails sent."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    field = "confirmation_sent_at" if kind == BOOKED else "cancellation_sent_at"
    with transaction.atomic():
        booking = (SlotBooking.objects.select_related(
            "slot__mentor__user", "startup__enterprise", "founder",
        ).filter(pk=booking_id).first())
        if booking is None:
            logger.info("booking %s is gone; no notice", booking_id)
            return 0
        claimed = SlotBooking.objects.filter(pk=booking_id, **{f"{field}__isnull": True})
        if kind == BOOKED and booking.status != SlotBooking.Status.ACTIVE:
            # Cancelled before anyone was told: no invitation, so nothing to take back.
            claimed.update(confirmation_sent_at=timezone.now(),
                           cancellation_sent_at=timezone.now())
            return 0
        if kind == CANCELLED and booking.confirmation_sent_at is None:
            # Nobody was told of the booking: nothing to take back; no invitation follows.
            SlotBooking.objects.filter(pk=booking_id).update(
                confirmation_sent_at=timezone.now(), cancellation_sent_at=timezone.now())
            return 0
        if not claimed.update(**{field: timezone.now()}):
            return 0
        ics = booking_ics(booking, cancelled=kind == CANCELLED)
        messages = [
            _message(booking=booking, recipient=booking.founder, role="founder", kind=kind,
                     ics=ics),
            _message(booking=booking, recipient=booking.slot.mentor.user, role="mentor",
                     kind=kind, ics=ics),
        ]
        for message in messages:
            message.send()
    return len(messages)


def booking_notice_pending(booking):
    """The notice of `booking` that is due and not sent ("booked", "cancelled"), or None."""
    if booking.status == SlotBooking.Status.ACTIVE and booking.confirmation_sent_at is None:
        return BOOKED
    if (booking.status == SlotBooking.Status.CANCELLED and booking.cancellation_sent_at is None
            and booking.confirmation_sent_at is not None):
        return CANCELLED
    return None


@transaction.atomic
def booking_notice_retry(*, booking, actor):
    """Staff send a notice again whose sending failed (the booking shows it unsent)."""
    kind = booking_notice_pending(booking)
    if kind is None:
        raise DomainError(_("The e-mails of this booking have been sent."))
    audit_log(booking, "yuva.booking_notice_retry", user=actor, data={"kind": kind})
    from incubator.tasks import booking_notice_task

    booking_notice_task.delay_on_commit(booking.pk, kind)
    return kind
