"""Creating, changing and cancelling events."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from events.models import Event, Registration, RegistrationEmail
from events.services.emails import emails_queue
from events.services.places import event_lock
from events.services.waitlist import offer_free_places

SERVICE_FIELDS = ("seats_taken", "certificate_batch_id", "no_shows_marked_at", "survey_sent_at",
                  "cancelled_at")


def _validate(event):
    errors = {}
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    if event.registration_closes_at and event.ends_at and \
            event.registration_closes_at > event.ends_at:
        errors["registration_closes_at"] = _("Registration cannot close after the event ends.")
    if event.registration_opens_at and event.registration_closes_at and \
            event.registration_opens_at >= event.registration_closes_at:
        errors["registration_opens_at"] = _("Registration must open before it closes.")
    if event.is_prerequisite_training and event.kind != Event.Kind.TRAINING:
        errors["is_prerequisite_training"] = _("Only a training can be a prerequisite.")
    if event.kind == Event.Kind.WEBINAR and not event.online_url:
        errors["online_url"] = _("A webinar needs its online link.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_save(*, event, actor, now=None):
    """Create or change an event (with its agenda, when it is a form's unsaved instance).
    Capacity cannot drop below the places already taken; raising it offers the new places
    to the waiting list at once."""
    now = now or timezone.now()
    _validate(event)
    created = event.pk is None
    stored = None if created else event_lock(event.pk)
    was_cancelled = stored is not None and stored.status == Event.Status.CANCELLED
    if event.status == Event.Status.CANCELLED and not was_cancelled:
        raise ValidationError({"status": _(
            "To cancel an event, use “Cancel the event” on its overview page: it tells "
            "everyone registered.")})
    if was_cancelled and event.status != Event.Status.CANCELLED:
        raise ValidationError({"status": _("A cancelled event stays cancelled; create a new "
                                           "one instead.")})
    if not created:
        if event.capacity < stored.seats_taken:
            raise ValidationError({"capacity": _(
                "%(taken)s places are already taken; the capacity cannot be lower.") % {
                "taken": stored.seats_taken}})
        # Fields only the services change are never taken from a form's copy.
        for name in SERVICE_FIELDS:
            setattr(event, name, getattr(stored, name))
    event.full_clean(exclude=["agenda_items"])
    event.save()
    audit_log(event, "wagtail.create" if created else "wagtail.edit", user=actor)
    if not created:
        offer_free_places(event=event_lock(event.pk), now=now)
    return event


@transaction.atomic
def event_cancel(*, event, actor, now=None):
    """Cancel the event: every live registration is cancelled (kept, with the reason) and
    e-mailed. Returns how many registrations were cancelled."""
    now = now or timezone.now()
    event = event_lock(event.pk)
    if event.status == Event.Status.CANCELLED:
        raise DomainError(_("This event is already cancelled."))
    if event.ends_at <= now:
        raise DomainError(_("This event is over and can no longer be cancelled."))
    registrations = list(Registration.objects.select_for_update().filter(
        event=event, status__in=Registration.ACTIVE))
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        status=Registration.Status.CANCELLED, cancelled_at=now,
        cancel_reason=Registration.CancelReason.EVENT_CANCELLED)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED, cancelled_at=now,
                                             seats_taken=0)
    emails_queue(registrations=registrations, kind=RegistrationEmail.Kind.EVENT_CANCELLED)
    audit_log(event, "yuva.event_cancelled", user=actor, data={"count": len(registrations)})
    return len(registrations)
