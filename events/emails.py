"""The e-mails to registrants, built in the recipient's language. The ticket carries
its QR code (PNG) and the event as an .ics file."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events.ics import events_calendar
from events.models import RegistrationEmail
from events.services.waitlist import offer_hours
from events.tickets import survey_url, ticket_qr_png, ticket_url

K = RegistrationEmail.Kind

SUBJECTS = {
    K.TICKET: lambda: _("Your ticket: %(event)s"),
    K.REQUEST_RECEIVED: lambda: _("Registration received: %(event)s"),
    K.WAITLISTED: lambda: _("You are on the waiting list: %(event)s"),
    K.OFFER: lambda: _("A place is free for you: %(event)s"),
    K.OFFER_EXPIRED: lambda: _("Your offered place has passed on: %(event)s"),
    K.DECLINED: lambda: _("Registration not approved: %(event)s"),
    K.CANCELLED: lambda: _("Registration cancelled: %(event)s"),
    K.EVENT_CANCELLED: lambda: _("Event cancelled: %(event)s"),
    K.REMINDER: lambda: _("Tomorrow: %(event)s"),
    K.SURVEY: lambda: _("How was %(event)s?"),
}
WITH_TICKET = {K.TICKET, K.REMINDER}


def build_message(email):
    registration = email.registration
    event = registration.event
    with translation.override(registration.language):
        context = {
            "registration": registration, "event": event, "email": email,
            "ticket_url": ticket_url(registration),
            "portal_url": settings.SITE_URL + reverse("events:mine"),
            "signup_url": settings.SITE_URL + reverse("account_signup"),
            "event_url": event.get_full_url(),
            "offer_hours": offer_hours(),
        }
        if email.kind == K.SURVEY:
            context["survey_url"] = survey_url(registration)
        if email.kind == K.STAFF_MESSAGE:
            subject = email.staff_message.subject
            context["staff_message"] = email.staff_message
        else:
            subject = SUBJECTS[email.kind]() % {"event": event.title}
        body = render_to_string(f"events/email/{email.kind}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[registration.email])
    if email.kind in WITH_TICKET:
        code = registration.ticket_code
        message.attach(f"ticket-{code}.png", ticket_qr_png(code), "image/png")
        message.attach("event.ics", events_calendar([event], name=event.title),
                       "text/calendar")
    return message
