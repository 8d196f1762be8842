from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.models.base import SitePage


class HomePage(SitePage):
    """The front page: a hero, then what is live in the data (open calls, upcoming
    events, family products, impact figures), then the editors' text."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    hero_image_alt = models.CharField(_("alternative text of the hero image"),
                                      max_length=250, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("body"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("hero_text"),
                     index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": _(
                "Describe the image for people who cannot see it.")})

    def get_context(self, request, *args, **kwargs):
        from cms import selectors_home

        context = super().get_context(request, *args, **kwargs)
        context.update(
            open_calls=selectors_home.open_calls(),
            upcoming_events=selectors_home.upcoming_events(),
            featured_products=selectors_home.featured_products(),
            figures=selectors_home.impact_figures(),
        )
        return context
