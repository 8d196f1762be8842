from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import SitePage


class StandardPage(SitePage):
    """About, how to apply, how ABAD works, the booking rules: text the editors write,
    with blocks that may read live data."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*SitePage.search_fields, index.SearchField("intro"),
                     index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
