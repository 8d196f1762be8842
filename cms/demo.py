"""The public site for `manage.py seed_demo` (core.demo.SEED_HOOK): the home page in
Azerbaijani with English and Russian translations, about, how to apply, how ABAD works,
the factory booking rules, news with generated pictures, the contact form, the
navigation and footer, and the news moderation workflow. Keyed on slugs and translation
keys, so a second run creates nothing new."""

import datetime
import io

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from cms.demo_content import CONTACT, FOOTER, HOME, NEWS, NEWS_INDEX, STANDARD
from cms.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)
from cms.workflows import news_moderation_ensure

LANGUAGES = ("az", "en", "ru")
FORM_FIELDS = (("singleline", True), ("email", True), ("multiline", True))
FORM_CLEAN_NAMES = ("name", "email", "message")


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _stream(blocks):
    return [{"type": kind, "value": value} for kind, value in blocks]


def _in_all_languages(parents, model, fields_of):
    """{language: page}: the az page under parents["az"] (made if missing, by slug) and
    its translations, each with its language's fields."""
    az_fields = fields_of("az")
    page = model.objects.child_of(parents["az"]).filter(slug=az_fields["slug"]).first()
    if page is None:
        page = model(**az_fields)
        parents["az"].add_child(instance=page)
        page = _publish(page)
    pages = {"az": page}
    for language in ("en", "ru"):
        locale = Locale.objects.get(language_code=language)
        translated = page.get_translation_or_none(locale)
        if translated is None:
            translated = page.copy_for_translation(locale).specific
            for name, value in fields_of(language).items():
                setattr(translated, name, value)
            translated.save()
            translated = _publish(translated)
        pages[language] = translated.specific
    return pages


def _homes():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not the Yuva home page.")
    if home.hero_title != HOME["az"]["hero_title"] or not home.body:
        for name, value in HOME["az"].items():
            setattr(home, name, value)
        _publish(home)
    homes = {"az": home}
    for language in ("en", "ru"):
        locale = Locale.objects.get(language_code=language)
        translated = home.get_translation_or_none(locale)
        if translated is None:
            translated = home.copy_for_translation(locale).specific
            for name, value in HOME[language].items():
                setattr(translated, name, value)
            translated.save()
            translated = _publish(translated)
        homes[language] = translated.specific
    return homes


def _picture(title, colour, caption):
    """A 1200×675 JPEG drawn with Pillow: a coloured field, a sun, hills and a caption."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1200, 675
    img = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(img)
    light = tuple(min(255, c + 70) for c in colour)
    dark = tuple(max(0, c - 40) for c in colour)
    draw.ellipse((880, 80, 1060, 260), fill=(255, 214, 102))
    draw.polygon([(0, 520), (300, 330), (620, 500), (900, 300), (1200, 480), (1200, 675),
                  (0, 675)], fill=light)
    draw.polygon([(0, 620), (400, 460), (800, 600), (1200, 520), (1200, 675), (0, 675)],
                 fill=dark)
    font = ImageFont.load_default(size=54)
    draw.text((60, 60), caption, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    slug = title.lower().replace(" ", "-")
    return image_model.objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{slug}.jpg"))


def _contact(homes):
    def fields_of(language):
        texts = CONTACT[language]
        return {"title": texts["title"], "slug": texts["slug"], "intro": texts["intro"],
                "thank_you_text": texts["thank_you_text"], "subject": texts["subject"],
                "to_address": "info@yuva.test", "from_address": "noreply@yuva.test",
                "form_fields": [
                    ContactFormField(sort_order=i, label=label, field_type=kind,
                                     required=required, clean_name=clean_name)
                    for i, (label, (kind, required), clean_name) in enumerate(zip(
                        texts["fields"], FORM_FIELDS, FORM_CLEAN_NAMES, strict=True))]}

    return _in_all_languages(homes, ContactPage, fields_of)


def _navigation(homes, pages):
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.menu:
        return
    menu = ["about", "how_to_apply", "how_abad_works", "booking_rules", "news", "contact"]
    settings.menu = [{"type": "page", "value": {"page": pages[name]["az"].pk}}
                     for name in menu]
    settings.footer_links = [
        {"type": "page", "value": {"page": pages["booking_rules"]["az"].pk}},
        {"type": "link", "value": {"url": "/verify/", "label_az": "Sertifikatı yoxlayın",
                                   "label_en": "Check a certificate",
                                   "label_ru": "Проверить сертификат"}},
    ]
    for language in LANGUAGES:
        setattr(settings, f"footer_text_{language}", FOOTER[language])
    settings.save()


def seed(*, stdout=None, size="small"):
    with transaction.atomic():
        homes = _homes()
        pages = {}
        for name, texts in STANDARD.items():
            pages[name] = _in_all_languages(homes, StandardPage, lambda language, t=texts: {
                "title": t[language]["title"], "slug": t[language]["slug"],
                "intro": t[language]["intro"], "body": _stream(t[language]["body"]),
                "show_in_menus": True})
        pages["news"] = _in_all_languages(homes, NewsIndexPage, lambda language: {
            **NEWS_INDEX[language], "show_in_menus": True})
        for date, colour, tags, texts in NEWS:
            picture = _picture(f"news {texts['en'][1]}", colour, texts["az"][0])

            def fields_of(language, texts=texts, date=date, picture=picture):
                title, slug, intro, text, alt = texts[language]
                return {"title": title, "slug": slug, "intro": intro,
                        "date": datetime.date.fromisoformat(date),
                        "body": _stream([("text", text)]), "listing_image": picture,
                        "listing_image_alt": alt, "search_description": intro}

            articles = _in_all_languages(pages["news"], NewsPage, fields_of)
            if not articles["az"].tags.exists():
                for article in articles.values():
                    article.tags.add(*tags)
                    _publish(article)
        pages["contact"] = _contact(homes)
        _navigation(homes, pages)
        news_moderation_ensure(news_indexes=list(pages["news"].values()))
    if stdout is not None:
        stdout.write(f"Public site: {len(pages) + 1} pages and {len(NEWS)} news articles "
                     "in az, en and ru.")
