"""Navigation menu and footer, edited in the admin (Settings → Site navigation).
A menu item is a page (its title is shown in the visitor's language, from the page's
translation) or an outside link with a label per language."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import StreamField


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))

    class Meta:
        icon = "doc-empty"
        label = _("Page")


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.CharBlock(label=_("address"), max_length=300)
    label_az = blocks.CharBlock(label=_("label in Azerbaijani"), max_length=80)
    label_en = blocks.CharBlock(label=_("label in English"), max_length=80)
    label_ru = blocks.CharBlock(label=_("label in Russian"), max_length=80)

    class Meta:
        icon = "link"
        label = _("Link")


class LinksBlock(blocks.StreamBlock):
    page = PageLinkBlock()
    link = ExternalLinkBlock()


class NavigationSettings(BaseSiteSetting):
    menu = StreamField(LinksBlock(), verbose_name=_("main menu"), blank=True)
    footer_links = StreamField(LinksBlock(), verbose_name=_("footer links"), blank=True)
    footer_text_az = models.TextField(_("footer text in Azerbaijani"), blank=True)
    footer_text_en = models.TextField(_("footer text in English"), blank=True)
    footer_text_ru = models.TextField(_("footer text in Russian"), blank=True)

    panels = [
        FieldPanel("menu"),
        FieldPanel("footer_links"),
        MultiFieldPanel([FieldPanel("footer_text_az"), FieldPanel("footer_text_en"),
                         FieldPanel("footer_text_ru")], heading=_("Footer text")),
    ]

    class Meta:
        verbose_name = _("site navigation")

    def footer_text(self):
        language = (translation.get_language() or "az")[:2]
        return getattr(self, f"footer_text_{language}", "") or self.footer_text_az


def links_of(stream, request=None):
    """(label, url) in the active language: a chosen page in the visitor's locale when
    it has a live translation there."""
    from wagtail.models import Locale, Page

    language = (translation.get_language() or "az")[:2]
    pages = [item.value["page"] for item in stream if item.block_type == "page"
             and item.value["page"] is not None]
    localized = {}
    if pages:
        locale = Locale.get_active()
        keys = {page.translation_key for page in pages}
        for page in Page.objects.filter(translation_key__in=keys, locale=locale).live():
            localized[page.translation_key] = page
    links = []
    for item in stream:
        if item.block_type == "page":
            page = item.value["page"]
            if page is None:
                continue
            page = localized.get(page.translation_key, page)
            links.append((page.title, page.get_url(request)))
        else:
            value = item.value
            links.append((value.get(f"label_{language}") or value["label_az"], value["url"]))
    return links
