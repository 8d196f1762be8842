"""Registering, approving, declining and cancelling."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import User
from events.formatting import when_text
from events.models import Attendee, Event, Registration, RegistrationEmail
from events.selectors import audiences_for
from events.services.emails import emails_queue
from events.services.places import event_lock, places_release, places_take
from events.services.waitlist import offer_free_places
from events.tickets import ticket_code_new

S = Registration.Status
MailKind = RegistrationEmail.Kind


@dataclass(frozen=True)
class AttendeeInput:
    name: str
    email: str
    gender: str = ""


def registration_window_error(event, *, now=None):
    """Why nobody can register for `event` now (a translated message), or None."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("This event was cancelled.")
    if event.status != Event.Status.PUBLISHED:
        return _("This event is not open for registration.")
    if event.ends_at <= now:
        return _("This event has already taken place.")
    if event.starts_at <= now:
        return _("This event has already started; registration is closed.")
    if event.closes_at <= now:
        return _("Registration for this event closed on %(when)s.") % {
            "when": when_text(event.closes_at)}
    if event.registration_opens_at and event.registration_opens_at > now:
        return _("Registration for this event opens on %(when)s.") % {
            "when": when_text(event.registration_opens_at)}
    return None


def audience_error(event, user):
    if event.audience in audiences_for(user):
        return None
    if event.audience == Event.Audience.STARTUPS:
        return _("This event is for the startups in our programmes. Log in with the account "
                 "of a startup's member to register.")
    return _("This event is for the family businesses in our programmes. Log in with the "
             "account of a family business's member to register.")


def _clean_attendees(attendees, *, event, user):
    if not attendees:
        raise DomainError(_("Say who is coming."), field="attendees")
    if len(attendees) > event.max_group_size:
        raise DomainError(_("A registration for this event may bring at most %(max)s people.")
                          % {"max": event.max_group_size}, field="attendees")
    cleaned = []
    for index, person in enumerate(attendees):
        name = " ".join(person.name.split())
        email = person.email.strip().lower()
        if index == 0 and user is not None:
            name, email = name or user.get_full_name(), user.email.lower()
        if not name:
            raise DomainError(_("Every person needs a name."), field="name")
        try:
            validate_email(email)
        except ValidationError as exc:
            raise DomainError(_("“%(email)s” is not a valid e-mail address.") % {
                "email": email}, field="email") from exc
        if person.gender not in Attendee.Gender.values:
            raise DomainError(_("Choose a gender from the list."), field="gender")
        cleaned.append(AttendeeInput(name=name[:150], email=email, gender=person.gender))
    emails = [p.email for p in cleaned]
    if len(set(emails)) != len(emails):
        raise DomainError(_("Each person in a group needs their own e-mail address."),
                          field="attendees")
    return cleaned


def _already_registered(event, emails):
    """The e-mail addresses among `emails` already on a live registration of `event`
    (as registrant or as anyone of a group)."""
    live = Registration.ACTIVE
    taken = set(Registration.objects.filter(event=event, status__in=live)
                .annotate(e=Lower("email")).filter(e__in=emails).values_list("e", flat=True))
    taken |= set(Attendee.objects.filter(registration__event=event,
                                         registration__status__in=live)
                 .annotate(e=Lower("email")).filter(e__in=emails).values_list("e", flat=True))
    return taken


@transaction.atomic
def registration_create(*, event, attendees, user=None, enterprise=None, language="",
                        now=None):
    """Register `attendees` (AttendeeInput; the first is the registrant, who is `user` when
    signed in, else a guest) for `event` as one registration, counted against the
    capacity as a whole.

    With enough free places (and nobody already waiting) the registration is confirmed,
    or awaits staff approval if the event needs it, and holds its places; otherwise it
    joins the waiting list. Queues the matching e-mail (the ticket, when confirmed).
    Raises DomainError when the event is not open, the person may not register, the
    input is wrong or someone is already registered."""
    now = now or timezone.now()
    user = user if user is not None and user.is_authenticated else None
    people = _clean_attendees(list(attendees), event=event, user=user)
    if enterprise is not None and (
            user is None or not enterprise.memberships.filter(user=user).exists()):
        raise DomainError(_("You can only register on behalf of an enterprise you belong to."),
                          field="enterprise")

    event = event_lock(event.pk)
    error = registration_window_error(event, now=now) or audience_error(event, user)
    if error:
        raise DomainError(error)
    taken = _already_registered(event, [p.email for p in people])
    if people[0].email in taken:
        raise DomainError(_("You are already registered for this event."), field="email")
    if taken:
        raise DomainError(_("%(emails)s already registered for this event.") % {
            "emails": ", ".join(sorted(taken))}, field="attendees")

    size = len(people)
    someone_waiting = event.registrations.filter(status=S.WAITLISTED).exists()
    if not someone_waiting and places_take(event.pk, size):
        status = S.PENDING_APPROVAL if event.requires_approval else S.CONFIRMED
    else:
        status = S.WAITLISTED
    registrant = people[0]
    registration = Registration(
        event=event, user=user, name=registrant.name, email=registrant.email,
        language=(user.preferred_language if user else "") or language
        or translation.get_language() or settings.LANGUAGE_CODE,
        enterprise=enterprise, size=size, status=status, ticket_code=ticket_code_new(),
        confirmed_at=now if status == S.CONFIRMED else None,
        waitlisted_at=now if status == S.WAITLISTED else None,
    )
    if registration.language not in dict(settings.LANGUAGES):
        registration.language = settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the unique constraints are the backstop
        raise DomainError(_("You are already registered for this event."),
                          field="email") from exc
    accounts = {u.email.lower(): u for u in
                User.objects.annotate(e=Lower("email")).filter(e__in=[p.email for p in people])}
    Attendee.objects.bulk_create([
        Attendee(registration=registration, position=index, name=person.name,
                 email=person.email, gender=person.gender,
                 user=user if index == 0 and user else accounts.get(person.email))
        for index, person in enumerate(people)
    ])
    audit_log(registration, "yuva.event_registered", user=user,
              data={"status": status, "size": size})
    emails_queue(registrations=[registration], kind={
        S.CONFIRMED: MailKind.TICKET, S.PENDING_APPROVAL: MailKind.REQUEST_RECEIVED,
        S.WAITLISTED: MailKind.WAITLISTED}[status])
    return registration


def _locked(registration):
    """Lock the registration's event, then re-read the registration (its status may have
    changed while we waited)."""
    event = event_lock(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    return registration


@transaction.atomic
def registration_cancel(*, registration, actor=None, by_staff=False, now=None):
    """Cancel a live registration. The places it held go to the waiting list at once.
    The person cancels until the event starts; staff until it ends."""
    now = now or timezone.now()
    registration = _locked(registration)
    event = registration.event
    if not registration.is_active:
        raise DomainError(_("This registration is already %(status)s.") % {
            "status": registration.get_status_display().lower()})
    if registration.checked_in_at is not None:
        raise DomainError(_("This person has already been checked in."))
    if (event.ends_at if by_staff else event.starts_at) <= now:
        raise DomainError(_("The event has already started; the registration can no longer "
                            "be cancelled."))
    held = registration.holds_places
    registration.status = S.CANCELLED
    registration.cancelled_at = now
    registration.cancel_reason = (Registration.CancelReason.BY_STAFF if by_staff
                                  else Registration.CancelReason.BY_PERSON)
    registration.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    if held:
        places_release(event.pk, registration.size)
    audit_log(registration, "yuva.event_registration_cancelled", user=actor,
              data={"by_staff": by_staff})
    emails_queue(registrations=[registration], kind=MailKind.CANCELLED)
    if held:
        offer_free_places(event=event, now=now)
    return registration


@transaction.atomic
def registration_approve(*, registration, actor, now=None):
    now = now or timezone.now()
    registration = _locked(registration)
    if registration.status != S.PENDING_APPROVAL:
        raise DomainError(_("Only a registration waiting for approval can be approved."))
    registration.status = S.CONFIRMED
    registration.confirmed_at = now
    registration.decided_by = actor
    registration.save(update_fields=["status", "confirmed_at", "decided_by"])
    audit_log(registration, "yuva.event_registration_approved", user=actor)
    emails_queue(registrations=[registration], kind=MailKind.TICKET)
    return registration


@transaction.atomic
def registration_decline(*, registration, actor, now=None):
    """Decline a registration waiting for approval; its places go to the waiting list."""
    now = now or timezone.now()
    registration = _locked(registration)
    if registration.status != S.PENDING_APPROVAL:
        raise DomainError(_("Only a registration waiting for approval can be declined."))
    registration.status = S.DECLINED
    registration.declined_at = now
    registration.decided_by = actor
    registration.save(update_fields=["status", "declined_at", "decided_by"])
    places_release(registration.event_id, registration.size)
    audit_log(registration, "yuva.event_registration_declined", user=actor)
    emails_queue(registrations=[registration], kind=MailKind.DECLINED)
    offer_free_places(event=registration.event, now=now)
    return registration
