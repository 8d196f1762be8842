"""Building the live pages in code (seed_demo and tests): a page in Azerbaijani with
its English and Russian translations, made with Wagtail's copy for translation so the
three trees match and the language switcher finds each page's translations."""

from wagtail.models import Locale, Page

LANGUAGES = ("az", "en", "ru")


def home_pages():
    """{language code: the home page in that language}, creating the locales and the
    home page's translations when they are missing."""
    source = Page.objects.get(depth=2, locale__language_code="az").specific
    homes = {"az": source}
    for code in LANGUAGES[1:]:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        translation = source.get_translation_or_none(locale)
        if translation is None:
            translation = source.copy_for_translation(locale)
            translation.save_revision().publish()
        homes[code] = translation.specific
    return homes


def child_of_type(parent, model, **lookup):
    """The parent's child page of this type (matching `lookup`), or None."""
    return model.objects.child_of(parent).filter(**lookup).first()


def add_translated_page(parent, page, translations):
    """Add `page` (in the parent's language, Azerbaijani) under `parent` and publish it;
    then its translations, {language code: {field: value}}, published too. Returns
    {language code: page}."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    pages = {parent.locale.language_code: page}
    for code, fields in translations.items():
        locale = Locale.objects.get(language_code=code)
        translation = page.copy_for_translation(locale).specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()  # a translated slug gets its url_path here
        translation.save_revision().publish()
        pages[code] = translation
    return pages
