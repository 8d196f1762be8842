"""Founders' startups: the list, a new startup, adding the profile to a startup staff
registered, the startup's page and its edit form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import DomainError
from incubator.charts import impact_chart_svg
from incubator.forms import ENTERPRISE_FIELDS, StartupForm, StartupProfileForm
from incubator.selectors import (
    assignments_of_startup,
    startup_enterprises_without_profile,
    startups_for_user,
)
from incubator.services import startup_create, startup_profile_create, startup_update
from incubator.services.startups import STARTUP_EDITABLE_FIELDS


def startup_or_404(request, pk):
    return get_object_or_404(startups_for_user(request.user), pk=pk)


def _save(form, call):
    """Run a service for a valid form; its refusal lands on the form. Returns the result
    or None."""
    try:
        return call()
    except DomainError as exc:
        form.add_domain_error(exc)
    except ValidationError as exc:
        form.add_validation_error(exc)
    return None


@login_required
def startup_list(request):
    return render(request, "incubator/startups/list.html", {
        "startups": list(startups_for_user(request.user)),
        "without_profile": list(startup_enterprises_without_profile(request.user)),
    })


@login_required
def startup_new(request):
    form = StartupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        startup = _save(form, lambda: startup_create(
            actor=request.user, owner=request.user, **form.service_kwargs()))
        if startup is not None:
            messages.success(request, _("%(name)s was registered.") % {
                "name": startup.enterprise.name})
            return redirect("incubator:startup_detail", pk=startup.pk)
    return render(request, "incubator/startups/form.html", {
        "form": form, "title": _("Register a startup"),
    })


@login_required
def startup_profile_new(request, enterprise_pk):
    enterprise = get_object_or_404(startup_enterprises_without_profile(request.user),
                                   pk=enterprise_pk)
    form = StartupProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        startup = _save(form, lambda: startup_profile_create(
            enterprise=enterprise, actor=request.user,
            **{name: form.cleaned_data[name] for name in STARTUP_EDITABLE_FIELDS}))
        if startup is not None:
            messages.success(request, _("The startup profile was saved."))
            return redirect("incubator:startup_detail", pk=startup.pk)
    return render(request, "incubator/startups/form.html", {
        "form": form, "title": _("Startup profile of %(name)s") % {"name": enterprise.name},
    })


@login_required
def startup_detail(request, pk):
    startup = startup_or_404(request, pk)
    return render(request, "incubator/startups/detail.html", {
        "startup": startup, "enterprise": startup.enterprise,
        "assignments": list(assignments_of_startup(startup)),
        "chart": impact_chart_svg([startup.pk], months=12),
    })


@login_required
def startup_edit(request, pk):
    startup = startup_or_404(request, pk)
    enterprise = startup.enterprise
    initial = {name: getattr(enterprise, name) for name in ENTERPRISE_FIELDS}
    initial["centre"] = enterprise.centre_id
    initial.update({name: getattr(startup, name) for name in STARTUP_EDITABLE_FIELDS})
    form = StartupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # The service works on a fresh copy, so a refused save changes nothing shown.
        fresh = startups_for_user(request.user).get(pk=pk)
        saved = _save(form, lambda: startup_update(startup=fresh, actor=request.user,
                                                   **form.service_kwargs()))
        if saved is not None:
            messages.success(request, _("The startup profile was saved."))
            return redirect("incubator:startup_detail", pk=startup.pk)
    return render(request, "incubator/startups/form.html", {
        "form": form, "startup": startup,
        "title": _("Edit %(name)s") % {"name": enterprise.name},
    })
