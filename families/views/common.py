from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from families.models import Family
from families.selectors.families import family_for_member


def family_or_404(request, pk):
    """One of the person's own families; any other answers 404."""
    try:
        return family_for_member(user=request.user, pk=pk)
    except Family.DoesNotExist as exc:
        raise Http404(_("No such family business.")) from exc


def get_or_404(fn, **kwargs):
    """Call a selector that gets one object; not found (not the person's) is a 404."""
    try:
        return fn(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def back(request, default):
    """Redirect to the page the form came from (a local `next`), else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)
