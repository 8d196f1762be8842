"""Events: one routable page lists the published events (upcoming or past, filtered by
kind, audience, centre and month) and shows each event on its own sub-page with its
agenda, place, a Register button into the registration flow and its iCal link."""

from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms import selectors
from cms.models.centres import CentrePage
from cms.models.live_base import paginate
from cms.routing import alternate_urls, latin_slug
from events.models import Event


class EventIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "cms/live/event_index_page.html"

    class Meta:
        verbose_name = _("event index page")

    @staticmethod
    def event_args(event):
        return (event.pk, latin_slug(event.title))

    def event_url(self, event, request=None):
        return self.get_url(request) + self.reverse_subpage("event",
                                                            args=self.event_args(event))

    def get_sitemap_urls(self, request=None):
        """The index and every published event's sub-page (for sitemap.xml)."""
        base = self.get_full_url(request)
        return [*super().get_sitemap_urls(request), *(
            {"location": base + self.reverse_subpage("event", args=self.event_args(event)),
             "lastmod": event.updated_at}
            for event in selectors.events_public().order_by("pk"))]

    @path("")
    def index_route(self, request):
        from cms.live_filters import EventFilterSet  # FilterSets need the models loaded

        filterset = EventFilterSet(request.GET or None, queryset=selectors.events_public())
        page, query = paginate(request, filterset.qs)
        page.object_list = [(event, self.event_url(event, request))
                            for event in page.object_list]
        return self.render(request, context_overrides={
            "filterset": filterset, "page_obj": page, "query": query,
            "is_past": filterset.is_past, "alternate_urls": alternate_urls(self, request),
        })

    @path("<int:pk>/", name="event_short")
    def event_short_route(self, request, pk):
        return redirect(self.event_url(self._event_or_404(pk), request), permanent=True)

    @path("<int:pk>-<slug:slug>/", name="event")
    def event_route(self, request, pk, slug):
        event = self._event_or_404(pk)
        args = self.event_args(event)
        if slug != args[1]:
            return redirect(self.event_url(event, request), permanent=True)
        centre_page = (CentrePage.objects.live()
                       .filter(locale_id=self.locale_id, centre_id=event.centre_id).first())
        return self.render(request, template="cms/live/event_page.html", context_overrides={
            "event": event, "agenda": event.agenda, "centre_page": centre_page,
            "centre_page_url": centre_page.get_url(request) if centre_page else "",
            "register_url": event.get_absolute_url() + "#register",
            "ics_url": reverse("events_public:event_ics", args=[event.pk]),
            "has_ended": event.has_ended(),
            "canonical_url": request.build_absolute_uri(self.event_url(event, request)),
            "alternate_urls": alternate_urls(self, request, "event", args),
        })

    @staticmethod
    def _event_or_404(pk):
        try:
            return selectors.event_public(pk)
        except Event.DoesNotExist as exc:
            raise Http404(_("No such event.")) from exc
