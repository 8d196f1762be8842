"""After the event: attendance certificates, the satisfaction survey and its answers,
and staff messages to a group of registrants. Plus the reminder the day before."""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from core.models import Feedback, User
from core.services import feedback_record
from documents.models import Certificate
from documents.services.certificates import Recipient, certificates_issue
from events.models import Attendee, Event, Registration, RegistrationEmail, StaffMessage
from events.selectors import registrations_of_group
from events.services.emails import emails_queue

S = Registration.Status
Attendance = Registration.Attendance
MailKind = RegistrationEmail.Kind


def _require_over(event, now, message):
    if event.ends_at > now:
        raise DomainError(message)


def attendance_recipients(event):
    """One certificate Recipient per person of every checked-in registration, linked to
    their account when one exists for their address."""
    attendees = list(
        Attendee.objects.filter(registration__event=event,
                                registration__attendance=Attendance.ATTENDED,
                                registration__checked_in_at__isnull=False)
        .select_related("registration", "registration__enterprise", "user")
        .order_by("registration__pk", "position"))
    emails = {a.email.lower() for a in attendees if a.user is None}
    accounts = {u.e: u for u in User.objects.annotate(e=Lower("email")).filter(e__in=emails)}
    return [
        Recipient(name=a.name, email=a.email, user=a.user or accounts.get(a.email.lower()),
                  enterprise=a.registration.enterprise, language=a.registration.language)
        for a in attendees
    ]


@transaction.atomic
def event_certificates_issue(*, event, actor, signatory_name, signatory_title="", now=None):
    """Certificates of attendance for everyone checked in, in one batch (one background
    job renders and e-mails them). Only after the event; idempotent, because
    certificates_issue never issues one person a second certificate for the event."""
    now = now or timezone.now()
    _require_over(event, now, _("Certificates of attendance are issued once the event is "
                                "over."))
    recipients = attendance_recipients(event)
    if not recipients:
        raise DomainError(_("Nobody was checked in at this event, so there is nobody to "
                            "certify."))
    batch = certificates_issue(
        kind=Certificate.Kind.ATTENDANCE, title=event.title, recipients=recipients,
        centre=event.centre, signatory_name=signatory_name, signatory_title=signatory_title,
        actor=actor, subject=event, subject_label=event.title,
        issued_on=timezone.localdate(event.ends_at),
        description=_("%(kind)s, %(date)s, %(place)s") % {
            "kind": event.get_kind_display(),
            "date": timezone.localtime(event.starts_at).strftime("%d.%m.%Y"),
            "place": event.centre.name},
    )
    Event.objects.filter(pk=event.pk).update(certificate_batch=batch)
    event.certificate_batch = batch
    return batch


@transaction.atomic
def event_survey_send(*, event, actor=None, now=None):
    """E-mail the satisfaction survey to those who attended (only them), once each.
    Returns how many were queued now."""
    now = now or timezone.now()
    _require_over(event, now, _("The survey is sent once the event is over."))
    registrations = list(Registration.objects.select_for_update().filter(
        event=event, attendance=Attendance.ATTENDED, survey_sent_at__isnull=True))
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(survey_sent_at=now)
    Event.objects.filter(pk=event.pk, survey_sent_at__isnull=True).update(survey_sent_at=now)
    emails_queue(registrations=registrations, kind=MailKind.SURVEY)
    if registrations:
        audit_log(event, "yuva.event_survey_sent", user=actor,
                  data={"count": len(registrations)})
    return len(registrations)


@transaction.atomic
def survey_answer(*, registration, rating, comment=""):
    """Store an attendee's rating as core Feedback (service "event", the event as subject,
    its centre). A person with an account may change their answer; a guest's first
    answer stands."""
    registration = Registration.objects.select_for_update(of=("self",)).select_related(
        "event", "event__centre", "user").get(pk=registration.pk)
    if registration.attendance != Attendance.ATTENDED:
        raise DomainError(_("Only people who attended can answer this survey."))
    if registration.feedback_id and registration.user is None:
        raise DomainError(_("Your answer was already recorded. Thank you!"))
    feedback = feedback_record(
        author=registration.user, service=Feedback.Service.EVENT, rating=rating,
        comment=(comment or "").strip()[:4000], subject=registration.event,
        centre=registration.event.centre)
    Registration.objects.filter(pk=registration.pk).update(feedback=feedback)
    return feedback


@transaction.atomic
def staff_message_send(*, event, group, subject, body, actor):
    """E-mail `subject` and `body` to a group of the event's registrants (registered,
    attended, no-show, waiting) through one background job. Returns the StaffMessage."""
    if group not in StaffMessage.Group.values:
        raise DomainError(_("Choose who receives the message."), field="group")
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise DomainError(_("Write a subject and a message."), field="body")
    registrations = list(registrations_of_group(event, group).order_by("pk"))
    if not registrations:
        raise DomainError(_("Nobody is in this group, so nothing was sent."), field="group")
    message = StaffMessage.objects.create(event=event, group=group, subject=subject[:200],
                                          body=body, total=len(registrations),
                                          created_by=actor)
    emails_queue(registrations=registrations, kind=MailKind.STAFF_MESSAGE,
                 staff_message=message)
    audit_log(event, "yuva.event_message_sent", user=actor,
              data={"group": group, "count": len(registrations)})
    return message


REMINDER_AHEAD = datetime.timedelta(hours=24)


@transaction.atomic
def reminders_send(*, now=None):
    """Remind confirmed people of an event starting within the next 24 hours, once each
    (reminded_at). Those who registered less than a day before the start have just had
    their ticket and are not reminded. Returns how many were queued."""
    now = now or timezone.now()
    registrations = list(Registration.objects.select_for_update(of=("self",)).filter(
        status=S.CONFIRMED, reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gt=now, event__starts_at__lte=now + REMINDER_AHEAD,
        created_at__lt=F("event__starts_at") - REMINDER_AHEAD,
    ))
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(reminded_at=now)
    emails_queue(registrations=registrations, kind=MailKind.REMINDER)
    return len(registrations)


def events_to_close(*, now=None):
    """Ids of events that ended at least an hour ago and still have confirmed people
    neither checked in nor marked as no-shows."""
    now = now or timezone.now()
    return list(Event.objects.filter(
        ends_at__lte=now - datetime.timedelta(hours=1),
        registrations__status=S.CONFIRMED, registrations__attendance=Attendance.UNKNOWN,
    ).filter(~Q(status=Event.Status.CANCELLED)).values_list("pk", flat=True).distinct())
