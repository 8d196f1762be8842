"""Portal pages of events: upcoming events for my audience, my registrations and
tickets. Registering itself happens on the event's page (events.public_views), which
serves guests and signed-in people alike."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from documents.selectors import certificates_of_user
from events import selectors, services
from events.models import Registration
from events.tickets import ticket_qr_png


@login_required
def upcoming(request):
    events = list(selectors.events_upcoming_for(request.user))
    return render(request, "events/portal/upcoming.html", {"events": events})


@login_required
def mine(request):
    registrations = list(selectors.registrations_of_user(request.user))
    certificates = {
        c.subject_id: c for c in certificates_of_user(request.user).filter(
            subject_type__app_label="events", subject_type__model="event")
    }
    now = timezone.now()
    for registration in registrations:
        registration.certificate = certificates.get(registration.event_id)
    return render(request, "events/portal/mine.html", {
        "upcoming": [r for r in registrations if r.event.ends_at > now],
        "past": [r for r in registrations if r.event.ends_at <= now],
    })


def _mine_or_404(request, pk):
    return get_object_or_404(selectors.registrations_of_user(request.user), pk=pk)


@login_required
def registration(request, pk):
    registration = _mine_or_404(request, pk)
    return render(request, "events/portal/registration.html", {
        "registration": registration, "event": registration.event, "now": timezone.now(),
    })


@login_required
def registration_qr(request, pk):
    registration = _mine_or_404(request, pk)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404(_("This registration has no valid ticket."))
    return HttpResponse(ticket_qr_png(registration.ticket_code), content_type="image/png")


def _act(request, pk, service, success):
    registration = _mine_or_404(request, pk)
    try:
        service(registration=registration, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("events:registration", pk=registration.pk)


@login_required
@require_POST
def registration_cancel(request, pk):
    return _act(request, pk, services.registration_cancel, _("Your registration is cancelled."))


@login_required
@require_POST
def offer_accept(request, pk):
    return _act(request, pk, services.registration_offer_accept,
                _("The place is yours. Your ticket is on its way by e-mail."))


@login_required
@require_POST
def offer_decline(request, pk):
    return _act(request, pk, services.registration_offer_decline,
                _("You declined the place; it goes to the next person waiting."))


