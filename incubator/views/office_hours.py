"""Founders browse mentors' open office hours and book one for their startup."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import DomainError
from incubator.filters import OpenSlotFilterSet
from incubator.forms import BookingForm
from incubator.models import OfficeHourSlot
from incubator.selectors import open_slots, startups_for_user
from incubator.services import booking_create
from incubator.views.common import paginate


@login_required
def office_hours(request):
    filterset = OpenSlotFilterSet(request.GET or None, queryset=open_slots())
    return render(request, "incubator/office_hours/list.html", {
        "filter": filterset,
        "slots": paginate(request, filterset.qs),
        "may_book": startups_for_user(request.user).exists(),
    })


@login_required
def slot_book(request, pk):
    # Any slot is found, so that one taken a moment ago gets the service's explanation.
    slot = get_object_or_404(OfficeHourSlot.objects.select_related("mentor__user"), pk=pk)
    startups = startups_for_user(request.user)
    if not startups.exists():
        messages.error(request, _("Register your startup first: office hours are booked "
                                  "for a startup."))
        return redirect("incubator:startup_list")
    if request.method != "POST" and not open_slots().filter(pk=slot.pk).exists():
        messages.error(request, _("This slot can no longer be booked. Please choose another "
                                  "one."))
        return redirect("incubator:office_hours")
    form = BookingForm(request.POST or None, startups=startups)
    if request.method == "POST" and form.is_valid():
        try:
            booking = booking_create(slot=slot, startup=form.cleaned_data["startup"],
                                     founder=request.user, actor=request.user,
                                     topic=form.cleaned_data["topic"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Booked. You and the mentor will get an e-mail with "
                                        "a calendar file."))
            return redirect("incubator:session_detail", pk=booking.session.pk)
    return render(request, "incubator/office_hours/book.html", {"slot": slot, "form": form})
