"""Public event pages (no login needed): the event with its registration form for
guests and signed-in people, the iCal feeds, and the pages reached from the links in
e-mails (ticket, cancel, take up an offer, survey), which a signed token opens."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.ratelimit import client_ip, ratelimit_hit
from events import selectors, services
from events.forms import RegistrantForm, SurveyForm, companion_formset, registration_people
from events.ics import events_calendar
from events.models import Event, Registration
from events.services.registration import audience_error, registration_window_error
from events.tickets import SURVEY_SALT, TICKET_SALT, ticket_qr_png, token_load

GUEST_LIMIT = (10, 3600)  # registrations tried per address (IP) per hour
MEMBER_LIMIT = (30, 3600)  # per signed-in person per hour


def _event_or_404(pk):
    try:
        return selectors.event_public(pk)
    except Event.DoesNotExist as exc:
        raise Http404(_("No such event.")) from exc


def _rate_limited(request):
    if request.user.is_authenticated:
        limit, period = MEMBER_LIMIT
        key = f"events:register:user:{request.user.pk}"
    else:
        limit, period = GUEST_LIMIT
        key = f"events:register:ip:{client_ip(request)}"
    return not ratelimit_hit(key=key, limit=limit, period=period)


def event_detail(request, pk):
    """The event, its agenda, and registration: for a guest (name and e-mail) or for the
    signed-in person; a group brings more people on the same registration."""
    event = _event_or_404(pk)
    user = request.user if request.user.is_authenticated else None
    mine = selectors.registration_live_of(request.user, event)
    closed = registration_window_error(event)
    not_for_me = None if closed else audience_error(event, request.user)
    form = RegistrantForm(request.POST or None, user=request.user)
    companions = companion_formset(event, request.POST or None)
    status = 200
    if request.method == "POST" and not (mine or closed or not_for_me):
        if _rate_limited(request):
            messages.error(request, _("Too many registrations from here in a short time. "
                                      "Please try again in an hour."))
            status = 429
        elif form.is_valid() and (companions is None or companions.is_valid()):
            try:
                registration = services.registration_create(
                    event=event, user=user,
                    attendees=registration_people(form, companions, user=user),
                    enterprise=form.cleaned_data.get("enterprise"),
                    language=request.LANGUAGE_CODE,
                )
            except DomainError as error:
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(request, _registered_message(registration))
                if user is not None:
                    return redirect("events:registration", pk=registration.pk)
                from events.tickets import ticket_token

                return redirect("events_public:ticket", token=ticket_token(registration))
        else:
            status = 400
    return render(request, "events/public/detail.html", {
        "event": event, "agenda": event.agenda, "mine": mine, "closed": closed,
        "not_for_me": not_for_me, "form": form, "companions": companions,
    }, status=status)


def _registered_message(registration):
    S = Registration.Status
    return {
        S.CONFIRMED: _("You are registered. Your ticket is below and on its way by e-mail."),
        S.PENDING_APPROVAL: _("Your registration was received. Staff will confirm it; we "
                              "will e-mail you."),
        S.WAITLISTED: _("The event is full: you are on the waiting list. We will e-mail you "
                        "if a place frees up."),
    }[registration.status]


def feed(request):
    """All upcoming published events as one calendar (?audience= narrows it)."""
    audience = request.GET.get("audience")
    if audience not in Event.Audience.values:
        audience = None
    events = selectors.events_published_upcoming(audience=audience)
    return _ics_response(events_calendar(events, name=_("Yuva events")), "yuva-events.ics")


def event_ics(request, pk):
    event = _event_or_404(pk)
    return _ics_response(events_calendar([event], name=event.title), f"event-{event.pk}.ics")


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- pages reached from e-mails ---------------------------------------------------------

def _registration_from(token, *, salt):
    loaded = token_load(token, salt=salt)
    registration = selectors.registration_by_token(*loaded) if loaded else None
    if registration is None:
        raise Http404(_("This link is not valid."))
    return registration


def ticket(request, token):
    registration = _registration_from(token, salt=TICKET_SALT)
    urls = {f"{name}_url": reverse(f"events_public:ticket_{name}", args=[token])
            for name in ("qr", "cancel", "accept", "decline")}
    return render(request, "events/public/ticket.html", {
        "registration": registration, "event": registration.event, "now": timezone.now(),
        **urls,
    })


def ticket_qr(request, token):
    registration = _registration_from(token, salt=TICKET_SALT)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404(_("This registration has no valid ticket."))
    return HttpResponse(ticket_qr_png(registration.ticket_code), content_type="image/png")


def _act(request, token, service, success):
    registration = _registration_from(token, salt=TICKET_SALT)
    try:
        service(registration=registration)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("events_public:ticket", token=token)


@require_POST
def ticket_cancel(request, token):
    return _act(request, token, services.registration_cancel,
                _("Your registration is cancelled."))


@require_POST
def ticket_accept(request, token):
    return _act(request, token, services.registration_offer_accept,
                _("The place is yours. Your ticket is on its way by e-mail."))


@require_POST
def ticket_decline(request, token):
    return _act(request, token, services.registration_offer_decline,
                _("You declined the place; it goes to the next person waiting."))


def survey(request, token):
    registration = _registration_from(token, salt=SURVEY_SALT)
    if registration.attendance != Registration.Attendance.ATTENDED:
        raise Http404(_("This link is not valid."))
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(registration=registration,
                                   rating=form.cleaned_data["rating"],
                                   comment=form.cleaned_data["comment"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return render(request, "events/public/survey_thanks.html",
                          {"event": registration.event})
    return render(request, "events/public/survey.html", {
        "form": form, "registration": registration, "event": registration.event,
    })
