"""What the live pages share: pagination of a list read from the operations data and
the URL of an event's own sub-page in the visitor's language."""

from django.core.paginator import Paginator

PER_PAGE = 12


def paginate(request, queryset, *, per_page=PER_PAGE):
    """The requested page of the list (a bad or too high number gives the last page)
    and the query string without `page`, for the pager's links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def event_index_for(page):
    """The live event index in the page's language, if there is one."""
    from cms.models.events import EventIndexPage

    return EventIndexPage.objects.live().filter(locale_id=page.locale_id).first()


def event_url(event, index, request=None):
    """The event's sub-page under the event index, or its registration page when the
    site has no event index in that language."""
    if index is None:
        return event.get_absolute_url()
    return index.event_url(event, request)
