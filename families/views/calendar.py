"""The family's shift calendar: lines, the month's shifts, booking, cancelling, the
waiting list, my shifts with the .ics feed, and production history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from families import ics
from families.forms.portal import CalendarFilterForm
from families.models import CalendarFeed, Shift
from families.selectors.bookings import (
    active_suspension_of,
    booking_for_family,
    entry_for_family,
    lots_of_family,
)
from families.selectors.factories import (
    line_for_portal,
    lines_for_portal,
    rules_for_line,
    trainings_missing_for,
)
from families.selectors.shifts import (
    mark_booking_window,
    month_calendar,
    past_bookings_of,
    shifts_with_family_state,
    upcoming_bookings_of,
    waitlist_of,
)
from families.services.bookings import booking_cancel, booking_create
from families.services.calendar import calendar_feed_get, calendar_feed_reset
from families.services.waitlist import waitlist_accept, waitlist_join, waitlist_leave
from families.views.common import back, family_or_404, get_or_404


@login_required
def calendar_month(request, family):
    family = family_or_404(request, family)
    form = CalendarFilterForm(request.GET or None, lines=lines_for_portal())
    month, line = timezone.localdate().replace(day=1), None
    if form.is_valid():
        month, line = form.cleaned_data["month"], form.cleaned_data["line"]
    now = timezone.now()
    cal = month_calendar(family=family, member=request.user, month=month, line=line, now=now)
    return render(request, "families/portal/calendar.html", {
        "family": family, "cal": cal, "form": form, "line": line, "now": now,
        "suspension": active_suspension_of(family),
        "here": request.get_full_path(),
    })


@login_required
def line_detail(request, family, slug):
    family = family_or_404(request, family)
    line = get_or_404(line_for_portal, slug=slug)
    now = timezone.now()
    rules = rules_for_line(line)
    shifts = shifts_with_family_state(
        line.shifts.filter(status=Shift.Status.SCHEDULED, starts_at__gt=now)
        .select_related("line__factory__booking_rules", "line__booking_rules")
        .order_by("starts_at"), family,
    )[:30]
    missing = trainings_missing_for(request.user, [line])[line.pk]
    shifts = mark_booking_window(list(shifts), now)
    for shift in shifts:
        shift.missing_trainings = missing
    return render(request, "families/portal/line.html", {
        "family": family, "line": line, "rules": rules, "sentences": rules.sentences(),
        "missing": missing, "shifts": shifts, "here": request.get_full_path(),
        "suspension": active_suspension_of(family, now), "now": now,
    })


def _shift_or_404(pk):
    return get_object_or_404(Shift.objects.select_related("line"), pk=pk)


@login_required
@require_POST
def book(request, family, shift):
    family = family_or_404(request, family)
    shift = _shift_or_404(shift)
    try:
        booking = booking_create(shift=shift, family=family, member=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Booked: %(line)s, %(when)s.") % {
            "line": shift.line.name,
            "when": timezone.localtime(booking.starts_at).strftime("%d.%m.%Y %H:%M")})
    return back(request, reverse("families:calendar", args=[family.pk]))


@login_required
@require_POST
def cancel(request, family, pk):
    family = family_or_404(request, family)
    booking = get_or_404(booking_for_family, family=family, pk=pk)
    try:
        booking_cancel(booking=booking, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your booking was cancelled."))
    return back(request, reverse("families:my_shifts", args=[family.pk]))


@login_required
@require_POST
def waitlist_join_view(request, family, shift):
    family = family_or_404(request, family)
    shift = _shift_or_404(shift)
    try:
        waitlist_join(shift=shift, family=family, member=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your family is on the waiting list. We will e-mail you "
                                    "if a place frees up."))
    return back(request, reverse("families:calendar", args=[family.pk]))


@login_required
@require_POST
def waitlist_accept_view(request, family, pk):
    family = family_or_404(request, family)
    entry = get_or_404(entry_for_family, family=family, pk=pk)
    try:
        waitlist_accept(entry=entry, member=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The place is yours: the shift is booked."))
    return back(request, reverse("families:my_shifts", args=[family.pk]))


@login_required
@require_POST
def waitlist_leave_view(request, family, pk):
    family = family_or_404(request, family)
    entry = get_or_404(entry_for_family, family=family, pk=pk)
    try:
        waitlist_leave(entry=entry, member=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your family left the waiting list."))
    return back(request, reverse("families:my_shifts", args=[family.pk]))


@login_required
def my_shifts(request, family):
    family = family_or_404(request, family)
    now = timezone.now()
    feed = calendar_feed_get(user=request.user)
    return render(request, "families/portal/my_shifts.html", {
        "family": family,
        "bookings": list(upcoming_bookings_of(family, now)),
        "past": list(past_bookings_of(family, now)),
        "waitlist": list(waitlist_of(family, now)),
        "feed_url": request.build_absolute_uri(reverse("families:feed", args=[feed.token])),
        "suspension": active_suspension_of(family, now),
        "now": now,
    })


@login_required
@require_POST
def feed_reset(request, family):
    family = family_or_404(request, family)
    calendar_feed_reset(user=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer "
                                "works."))
    return redirect("families:my_shifts", family.pk)


def feed(request, token):
    """The person's shifts as iCalendar, reached by the secret token alone (calendar
    apps fetch it without a session)."""
    try:
        user = CalendarFeed.objects.select_related("user").get(token=token).user
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    if not user.is_active:
        raise Http404
    response = HttpResponse(ics.bookings_calendar(user), content_type="text/calendar; "
                                                                       "charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="yuva-shifts.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def history(request, family):
    family = family_or_404(request, family)
    return render(request, "families/portal/history.html", {
        "family": family, "lots": list(lots_of_family(family)[:200]),
    })
