"""Stream blocks of the live pages' editor-written parts (what happens at a centre,
a programme's story, a family's story)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageWithAltBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(label=_("alternative text"), max_length=250,
                           help_text=_("What the image shows, for people who cannot see it."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("image")
        template = "cms/blocks/image_with_alt.html"


class StoryBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("heading"), form_classname="title",
                               template="cms/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("paragraph"),
                                     features=["bold", "italic", "link", "ol", "ul"])
    image = ImageWithAltBlock()
