"""Programmes: an index and a page per programme, linked to its programmes.Programme,
showing the calls open now (each with an Apply button into the portal) and the cohorts
that have finished. A call appears when it opens and disappears when it closes."""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms import selectors
from cms.models.live_blocks import StoryBlock
from cms.routing import alternate_urls


def apply_url(call, user):
    """The portal's application form for the call; a visitor who is not signed in goes
    through the login page first and lands on the form."""
    url = reverse("programmes:call", args=[call.pk])
    if user is not None and user.is_authenticated:
        return url
    return reverse("account_login") + "?" + urlencode({"next": url})


class ProgrammeIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProgrammePage"]
    max_count_per_parent = 1
    template = "cms/live/programme_index_page.html"

    class Meta:
        verbose_name = _("programme index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programme_pages"] = list(
            ProgrammePage.objects.child_of(self).live()
            .select_related("programme__centre")
            .annotate(open_call_count=selectors.open_call_count_subquery())
            .order_by("path"))
        context["alternate_urls"] = alternate_urls(self, request)
        return context


class ProgrammePage(Page):
    programme = models.ForeignKey("programmes.Programme", verbose_name=_("programme"),
                                  on_delete=models.PROTECT, related_name="+")
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StoryBlock(), verbose_name=_("about the programme"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("programme"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.ProgrammeIndexPage"]
    subpage_types = []
    template = "cms/live/programme_page.html"

    class Meta:
        verbose_name = _("programme page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programme = (type(self).objects.select_related("programme__centre")
                     .get(pk=self.pk).programme)
        user = getattr(request, "user", None)
        context["programme"] = programme
        context["calls"] = [(call, apply_url(call, user))
                            for call in selectors.calls_open_of(programme)]
        context["cohorts"] = selectors.cohorts_past_of(programme)
        context["alternate_urls"] = alternate_urls(self, request)
        return context
