"""The family portal's entry: my families, applying to ABAD, a family's home."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from families.forms.portal import ApplicationForm, MemberFormSet
from families.models import ServiceRequest
from families.selectors.bookings import active_suspension_of
from families.selectors.families import applications_of, families_for_user
from families.selectors.requests import requests_of_family
from families.selectors.shifts import upcoming_bookings_of, waitlist_of
from families.services.families import application_submit
from families.views.common import family_or_404


@login_required
def index(request):
    families = list(families_for_user(request.user))
    if len(families) == 1:
        return redirect("families:home", families[0].pk)
    return render(request, "families/portal/index.html", {
        "families": families,
        "applications": list(applications_of(request.user)[:5]),
    })


@login_required
def apply(request):
    form = ApplicationForm(request.POST or None, prefix="a")
    members = MemberFormSet(request.POST or None, prefix="m")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        data = form.cleaned_data
        household = [{"name": request.user.get_full_name(), "relation": data["relation"],
                      "gender": data["gender"], "birth_year": data["birth_year"],
                      "role": data["role"], "email": request.user.email, "is_applicant": True}]
        household += [m.cleaned_data for m in members if m.cleaned_data.get("name")]
        try:
            application_submit(
                applicant=request.user, business_name=data["business_name"],
                trade=data["trade"], products=data["products"], region=data["region"],
                settlement=data["settlement"], women_led=data["women_led"],
                members=household, help_needed=data["help_needed"],
                help_note=data["help_note"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your application was sent. An ABAD adviser will "
                                        "answer you by e-mail."))
            return redirect("families:index")
    return render(request, "families/portal/apply.html", {"form": form, "members": members})


@login_required
def home(request, family):
    family = family_or_404(request, family)
    now = timezone.now()
    return render(request, "families/portal/home.html", {
        "family": family,
        "bookings": list(upcoming_bookings_of(family, now)[:5]),
        "waitlist": list(waitlist_of(family, now)),
        "requests": list(requests_of_family(family).filter(
            status__in=ServiceRequest.OPEN_STATUSES)[:5]),
        "suspension": active_suspension_of(family, now),
    })
