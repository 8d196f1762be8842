"""Centres: an index and a page per centre, linked to its core.Centre (address, map
position and contacts come from there) and showing the events it organises next."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms import selectors
from cms.models.live_base import event_index_for, event_url
from cms.models.live_blocks import StoryBlock
from cms.models.programmes import ProgrammePage
from cms.routing import alternate_urls

OSM_ZOOM = 16


class CentreIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CentrePage"]
    max_count_per_parent = 1
    template = "cms/live/centre_index_page.html"

    class Meta:
        verbose_name = _("centre index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["centre_pages"] = list(
            CentrePage.objects.child_of(self).live().select_related("centre")
            .order_by("path"))
        context["alternate_urls"] = alternate_urls(self, request)
        return context


class CentrePage(Page):
    centre = models.ForeignKey("core.Centre", verbose_name=_("centre"),
                               on_delete=models.PROTECT, related_name="+")
    intro = models.TextField(_("introduction"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"), blank=True,
        help_text=_("One line for each group of days, e.g. “Monday–Friday 09:00–18:00”."))
    facilities = models.TextField(_("facilities"), blank=True,
                                  help_text=_("One facility a line."))
    body = StreamField(StoryBlock(), verbose_name=_("what happens there"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("centre"),
        FieldPanel("intro"),
        FieldPanel("opening_hours"),
        FieldPanel("facilities"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.CentreIndexPage"]
    subpage_types = []
    template = "cms/live/centre_page.html"

    class Meta:
        verbose_name = _("centre page")

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    @property
    def facility_list(self):
        return [line.strip() for line in self.facilities.splitlines() if line.strip()]

    @property
    def map_url(self):
        """OpenStreetMap at the centre's position (a plain link: no scripts or tiles)."""
        centre = self.centre
        if centre.latitude is None or centre.longitude is None:
            return ""
        lat, lon = f"{centre.latitude:f}", f"{centre.longitude:f}"
        return (f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}"
                f"#map={OSM_ZOOM}/{lat}/{lon}")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = event_index_for(self)
        events = selectors.events_upcoming_at(self.centre)
        context["events"] = [(event, event_url(event, index, request)) for event in events]
        context["programme_pages"] = [
            (programme_page, programme_page.get_url(request))
            for programme_page in ProgrammePage.objects.live()
            .filter(locale_id=self.locale_id, programme__centre_id=self.centre_id,
                    programme__is_active=True)
            .select_related("programme").order_by("title")]
        context["lines"] = selectors.lines_at(self.centre_id)
        context["alternate_urls"] = alternate_urls(self, request)
        return context
