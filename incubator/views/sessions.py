"""Founders' sessions: the list, a session's page with the mentor's notes for the
startup, cancelling a booking before the cut-off, and rating a session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from incubator.forms import CancelForm, RatingForm
from incubator.selectors import sessions_for_founder
from incubator.services import booking_cancel, cancel_deadline, session_rate
from incubator.views.common import paginate


def _session_or_404(request, pk):
    return get_object_or_404(sessions_for_founder(request.user), pk=pk)


@login_required
def session_list(request):
    return render(request, "incubator/sessions/list.html", {
        "sessions": paginate(request, sessions_for_founder(request.user)),
    })


def _detail(request, session, *, rating_form=None, cancel_form=None, status=200):
    booking = session.booking
    return render(request, "incubator/sessions/detail.html", {
        "session": session,
        "booking": booking,
        "cancel_until": cancel_deadline(booking.slot) if booking else None,
        "may_cancel": request.user.has_perm("incubator.portal_cancel_booking", session),
        "may_rate": request.user.has_perm("incubator.portal_rate_session", session),
        "rating_form": rating_form or RatingForm(initial={"rating": session.my_rating}),
        "cancel_form": cancel_form or CancelForm(),
    }, status=status)


@login_required
def session_detail(request, pk):
    return _detail(request, _session_or_404(request, pk))


@login_required
@require_POST
def session_rate_view(request, pk):
    session = _session_or_404(request, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            session_rate(session=session, user=request.user, rating=form.cleaned_data["rating"],
                         comment=form.cleaned_data["comment"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("incubator:session_detail", pk=session.pk)
    return _detail(request, session, rating_form=form, status=400)


@login_required
@require_POST
def session_cancel_view(request, pk):
    session = _session_or_404(request, pk)
    form = CancelForm(request.POST)
    if form.is_valid() and session.booking is not None:
        try:
            booking_cancel(booking=session.booking, actor=request.user,
                           reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The booking was cancelled. The mentor has been told."))
        return redirect("incubator:session_detail", pk=session.pk)
    return _detail(request, session, cancel_form=form, status=400)
