"""What every page of the public site shares: a listing image with required alt text
(used in listings and as the Open Graph image)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class SitePage(Page):
    listing_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("listing image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Shown in lists and when the page is shared."))
    listing_image_alt = models.CharField(
        _("alternative text of the listing image"), max_length=250, blank=True,
        help_text=_("What the image shows, for people who cannot see it."))

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("listing_image"), FieldPanel("listing_image_alt")],
                        heading=_("Listing image")),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.listing_image_id and not self.listing_image_alt.strip():
            raise ValidationError({"listing_image_alt": _(
                "Describe the image for people who cannot see it.")})
