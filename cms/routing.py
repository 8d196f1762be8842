"""URLs of the live pages' items: readable slugs and the same item in every language."""

from django.conf import settings
from django.utils.text import slugify

# Azerbaijani and Russian letters as they are usually written in Latin URLs.
_LATIN = str.maketrans({
    "ə": "e", "ı": "i", "ö": "o", "ü": "u", "ş": "sh", "ç": "ch", "ğ": "g", "İ": "i",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
})


def latin_slug(text, *, max_length=60):
    """'Quba Mürəbbə Evi' → 'quba-murebbe-evi'; never empty."""
    slug = slugify(text.lower().translate(_LATIN))[:max_length].strip("-")
    return slug or "item"


def language_label(code):
    return dict(settings.LANGUAGES).get(code, code)


def alternate_urls(page, request, route_name=None, args=()):
    """(language code, language name, URL) of this page — or of one of its routable
    sub-pages — in every language the page is published in, in the site's language order.
    Wagtail builds each translation's URL with its own language prefix."""
    translations = {p.locale.language_code: p
                    for p in page.get_translations(inclusive=True).live()
                    .select_related("locale")}
    suffix = page.reverse_subpage(route_name, args=args) if route_name else ""
    rows = []
    for code, label in settings.LANGUAGES:
        translation = translations.get(code)
        if translation is None:
            continue
        url = translation.get_url(request)
        if url is None:
            continue
        rows.append((code, label, url + suffix))
    return rows
