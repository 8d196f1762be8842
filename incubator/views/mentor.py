"""Mentors' pages: their office-hour slots (publish, cancel), their sessions (notes)
and the startups they are assigned to."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from incubator.forms import CancelForm, SessionNotesForm, SlotForm
from incubator.selectors import assignments_of_mentor, sessions_for_mentor, slots_of_mentor
from incubator.services import session_update_notes, slot_cancel, slot_publish
from incubator.views.common import mentor_required, paginate


@mentor_required
def slot_list(request):
    mentor = request.mentor
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            slot_publish(mentor=mentor, actor=request.user, starts_at=data["starts_at"],
                         duration_minutes=data["duration_minutes"], mode=data["mode"],
                         place=data["place"], link=data["link"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The slot was published."))
            return redirect("incubator:mentor_slots")
    return render(request, "incubator/mentor/slots.html", {
        "mentor": mentor, "form": form, "slots": paginate(request, slots_of_mentor(mentor)),
        "now": timezone.now(),
    }, status=400 if form.is_bound else 200)


@mentor_required
@require_POST
def slot_cancel_view(request, pk):
    slot = get_object_or_404(slots_of_mentor(request.mentor, upcoming=False), pk=pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        slot_cancel(slot=slot, actor=request.user, reason=reason)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The slot was cancelled."))
    return redirect("incubator:mentor_slots")


@mentor_required
def session_list(request):
    return render(request, "incubator/mentor/sessions.html", {
        "sessions": paginate(request, sessions_for_mentor(request.user)),
    })


@mentor_required
def session_detail(request, pk):
    session = get_object_or_404(sessions_for_mentor(request.user), pk=pk)
    form = SessionNotesForm(request.POST or None, initial={
        "notes_for_startup": session.notes_for_startup, "staff_notes": session.staff_notes})
    if request.method == "POST" and form.is_valid():
        try:
            session_update_notes(session=session, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The notes were saved."))
            return redirect("incubator:mentor_session", pk=session.pk)
    return render(request, "incubator/mentor/session.html", {
        "session": session, "form": form,
    }, status=400 if form.is_bound else 200)


@mentor_required
def startup_list(request):
    return render(request, "incubator/mentor/startups.html", {
        "mentor": request.mentor,
        "assignments": list(assignments_of_mentor(request.mentor)),
    })
