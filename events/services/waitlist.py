"""The waiting list: free places are offered to the people waiting, in the order they
joined, by e-mail; an offer holds the places for YUVA_WAITLIST_OFFER_HOURS (default 24)
and, if not confirmed in time, passes on to the next person.

A place is offered as soon as it frees up (inside the transaction that frees it), and
the scheduled job `events.tasks.waitlist_sweep` expires overdue offers and passes their
places on."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from events.formatting import when_text
from events.models import Event, Registration, RegistrationEmail
from events.services.emails import emails_queue
from events.services.places import event_lock, places_release, places_take

S = Registration.Status
MailKind = RegistrationEmail.Kind


def offer_hours():
    return getattr(settings, "YUVA_WAITLIST_OFFER_HOURS", 24)


def offer_free_places(*, event, now):
    """Offer the event's free places to the people waiting: the first in line whose group
    fits the places left, then the next, until none fit. The caller holds the event lock.
    No offers once the event has started. Returns the registrations offered a place."""
    if event.status != Event.Status.PUBLISHED or event.starts_at <= now:
        return []
    event.refresh_from_db(fields=["seats_taken", "capacity"])
    free = event.capacity - event.seats_taken
    offered = []
    if free <= 0:
        return offered
    expires = min(now + datetime.timedelta(hours=offer_hours()), event.starts_at)
    waiting = (Registration.objects.filter(event=event, status=S.WAITLISTED)
               .order_by("waitlisted_at", "pk"))
    for registration in waiting:
        if registration.size > free:
            continue
        if not places_take(event.pk, registration.size):  # cannot happen under the lock
            break
        free -= registration.size
        registration.status = S.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = expires
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        audit_log(registration, "yuva.event_place_offered", data={
            "expires": expires.isoformat()})
        offered.append(registration)
        if free == 0:
            break
    emails_queue(registrations=offered, kind=MailKind.OFFER)
    return offered


@transaction.atomic
def waitlist_process(*, event, now=None):
    """Expire the event's overdue offers, then offer its free places. Returns
    (expired, offered) lists of registrations."""
    now = now or timezone.now()
    event = event_lock(event.pk)
    expired = list(Registration.objects.select_for_update().filter(
        event=event, status=S.OFFERED, offer_expires_at__lte=now).order_by("offered_at", "pk"))
    for registration in expired:
        registration.status = S.CANCELLED
        registration.cancelled_at = now
        registration.cancel_reason = Registration.CancelReason.OFFER_EXPIRED
        registration.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        places_release(event.pk, registration.size)
        audit_log(registration, "yuva.event_offer_expired")
    emails_queue(registrations=expired, kind=MailKind.OFFER_EXPIRED)
    return expired, offer_free_places(event=event, now=now)


def events_needing_waitlist_work(*, now=None):
    """Ids of events with an overdue offer, or with people waiting and places free."""
    from django.db.models import F

    now = now or timezone.now()
    overdue = Registration.objects.filter(status=S.OFFERED, offer_expires_at__lte=now)
    waiting = Registration.objects.filter(
        status=S.WAITLISTED, event__status=Event.Status.PUBLISHED, event__starts_at__gt=now,
        event__seats_taken__lt=F("event__capacity"))
    return sorted(set(overdue.values_list("event_id", flat=True))
                  | set(waiting.values_list("event_id", flat=True)))


@transaction.atomic
def registration_offer_accept(*, registration, actor=None, now=None):
    """Take up an offered place: confirmed (or awaiting approval if the event needs it),
    and the ticket is e-mailed."""
    now = now or timezone.now()
    event = event_lock(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != S.OFFERED:
        raise DomainError(_("This offer is no longer open."))
    if registration.offer_expires_at <= now:
        raise DomainError(_("This offer expired at %(when)s; the place has passed on.") % {
            "when": when_text(registration.offer_expires_at)})
    if event.requires_approval:
        registration.status = S.PENDING_APPROVAL
    else:
        registration.status = S.CONFIRMED
        registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])
    audit_log(registration, "yuva.event_offer_accepted", user=actor)
    emails_queue(registrations=[registration], kind=(
        MailKind.TICKET if registration.status == S.CONFIRMED else MailKind.REQUEST_RECEIVED))
    registration.event = event
    return registration


@transaction.atomic
def registration_offer_decline(*, registration, actor=None, now=None):
    """Turn an offered place down; it goes to the next person waiting."""
    now = now or timezone.now()
    event = event_lock(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != S.OFFERED:
        raise DomainError(_("This offer is no longer open."))
    registration.status = S.CANCELLED
    registration.cancelled_at = now
    registration.cancel_reason = Registration.CancelReason.OFFER_DECLINED
    registration.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    places_release(event.pk, registration.size)
    audit_log(registration, "yuva.event_offer_declined", user=actor)
    offer_free_places(event=event, now=now)
    registration.event = event
    return registration
