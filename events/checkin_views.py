"""The door: a mobile-first page for staff checking people in, on the shared layout.

It is a plain Django view under /portal/events/check-in/<event>/ rather than a Wagtail
admin screen: a phone at the door needs big fields and buttons, not the admin's chrome,
and each check-in must stay a handful of indexed queries (session, user, one permission
query, the ticket, the conditional UPDATE), see benchmarks/events.py. Who may use it
is the `events.staff_check_in` rule (the `events.checkin_registration` permission,
granted to event managers and ABAD advisers)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from core.errors import DomainError
from events import selectors, services
from events.forms import CheckInForm
from events.models import Event
from events.tickets import ticket_code_normalise

PERMISSION = "events.staff_check_in"


def _page_url(pk, query=""):
    url = reverse("events:checkin", args=[pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


def _require(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied


@login_required
def checkin(request, pk):
    """GET: the page (live counts, the code field, name search results, the last check-ins).
    POST: check in a typed or scanned code, or a registration picked from the results;
    text without a digit is a name to search for. Several staff can use it at once: the
    service lets exactly one check-in of a ticket through."""
    _require(request.user)
    if request.method == "POST":
        return _check_in(request, pk)
    event = get_object_or_404(Event.objects.select_related("centre"), pk=pk)
    query = request.GET.get("q", "").strip()[:80]
    return render(request, "events/checkin/page.html", {
        "event": event,
        "counts": selectors.checkin_counts(event),
        "form": CheckInForm(),
        "query": query,
        "results": list(selectors.checkin_search(event, query)) if query else None,
        "recent": list(selectors.recent_checkins(event)),
        "counts_url": reverse("events:checkin_counts", args=[event.pk]),
    })


def _check_in(request, pk):
    text = request.POST.get("code", "").strip()[:80]
    back = request.POST.get("q", "").strip()[:80]
    registration_id = request.POST.get("registration", "")
    if registration_id:
        if not registration_id.isdigit():
            raise Http404
        kwargs = {"registration_id": int(registration_id)}
    elif ticket_code_normalise(text) is None and not any(ch.isdigit() for ch in text):
        # Letters only: a name (or an e-mail) to look up, not a ticket.
        return redirect(_page_url(pk, text))
    else:
        kwargs = {"code": text}
    try:
        # The event's id is enough: the service compares it with the ticket's.
        result = services.registration_check_in(event=pk, actor=request.user, **kwargs)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext(
            "Checked in: %(name)s.", "Checked in: %(name)s, a group of %(count)s.",
            result.size) % {"name": result.name, "count": result.size})
    return redirect(_page_url(pk, back))


@login_required
def checkin_counts(request, pk):
    """The live counts, which the page asks for again every few seconds (htmx)."""
    _require(request.user)
    event = get_object_or_404(Event, pk=pk)
    return render(request, "events/checkin/_counts.html", {
        "event": event, "counts": selectors.checkin_counts(event),
        "counts_url": reverse("events:checkin_counts", args=[event.pk]),
    })
