from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from incubator.selectors import mentor_of

PAGE_SIZE = 25


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def mentor_required(view):
    """Pages for mentors: anyone without a mentor profile gets a 404."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        mentor = mentor_of(request.user)
        if mentor is None:
            raise Http404(_("You are not a mentor."))
        request.mentor = mentor
        return view(request, *args, **kwargs)

    return wrapped
