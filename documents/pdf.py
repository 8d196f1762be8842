"""The one PDF engine: Django templates rendered to PDF by WeasyPrint.

- Fonts ship in documents/fonts and are declared with @font-face, so output is the
  same on every machine and ₼, Azerbaijani and Cyrillic letters are real glyphs.
- HarfBuzz's subsetter must be present (a system check says so): without it
  WeasyPrint silently falls back to fontTools, about eight times slower.
- Resources are fetched only from the project's static and media files, through
  `yuva_url_fetcher`; any other URL (network, arbitrary local files) is refused.
"""

import atexit
import functools
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils._os import safe_join

logger = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# A reserved, never-resolvable host (RFC 2606) stands for "this project".
BASE_URL = "https://yuva.invalid/"
FONT_FACES = (
    ("Yuva Sans", "NotoSans-Regular.ttf", "normal", "normal"),
    ("Yuva Sans", "NotoSans-Bold.ttf", "bold", "normal"),
    ("Yuva Sans", "NotoSans-Italic.ttf", "normal", "italic"),
    ("Yuva Serif", "NotoSerif-Regular.ttf", "normal", "normal"),
    ("Yuva Serif", "NotoSerif-Bold.ttf", "bold", "normal"),
)


class ResourceRefused(ValueError):
    """A template asked for something outside the project's static and media files."""


def harfbuzz_subset_available():
    from weasyprint.text.ffi import harfbuzz_subset

    return harfbuzz_subset is not None


def _resolve(url):
    """Map a project URL to a file path, or raise ResourceRefused."""
    parts = urlsplit(url)
    if parts.scheme == "yuva-font":
        path = FONTS_DIR / unquote(parts.path).lstrip("/")
        if path.parent == FONTS_DIR and path.is_file():
            return path
        raise ResourceRefused(f"unknown font {url!r}")
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        raise ResourceRefused(f"refused to fetch {url!r}: not a project file")
    path = unquote(parts.path)
    if path.startswith(settings.STATIC_URL):
        relative = path[len(settings.STATIC_URL):]
        # Finders and safe_join raise SuspiciousFileOperation for a path outside their
        # roots (../ and the like); that is a refusal like any other.
        try:
            use_finders = settings.DEBUG or not settings.STATIC_ROOT
            found = finders.find(relative) if use_finders else None
            if found is None and settings.STATIC_ROOT:
                candidate = Path(safe_join(settings.STATIC_ROOT, relative))
                found = candidate if candidate.is_file() else finders.find(relative)
        except SuspiciousFileOperation as exc:
            raise ResourceRefused(f"refused {url!r}") from exc
        if found:
            return Path(found)
    elif path.startswith(settings.MEDIA_URL):
        try:
            candidate = Path(safe_join(settings.MEDIA_ROOT, path[len(settings.MEDIA_URL):]))
        except Exception as exc:
            raise ResourceRefused(f"refused {url!r}") from exc
        if candidate.is_file():
            return candidate
    raise ResourceRefused(f"refused to fetch {url!r}: not a static or media file")


def yuva_url_fetcher(url, *args, **kwargs):
    """WeasyPrint URL fetcher reading only the project's own files (and data: URLs)."""
    from weasyprint.urls import URLFetcherResponse

    if url.startswith("data:"):
        from weasyprint.urls import URLFetcher

        return URLFetcher(allowed_protocols={"data"}).fetch(url)
    path = _resolve(url)
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime_type})


@functools.cache
def _weasyprint_fetcher():
    """`yuva_url_fetcher` as the URLFetcher object WeasyPrint requires: its fetch()
    helper reads the fetcher's `_fail_on_errors`, so a bare function crashes the whole
    render as soon as one resource is refused, instead of skipping that resource."""
    from weasyprint.urls import URLFetcher

    class YuvaURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return yuva_url_fetcher(url)

    return YuvaURLFetcher(allowed_protocols=set(), fail_on_errors=False)


@functools.cache
def _font_setup():
    """The font configuration and base stylesheet, built once per process: parsing
    the @font-face rules is the costly part of a small document."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    faces = "\n".join(
        f"@font-face {{ font-family: '{family}'; src: url('yuva-font:///{filename}');"
        f" font-weight: {weight}; font-style: {style}; }}"
        for family, filename, weight, style in FONT_FACES
    )
    base = CSS(
        string=faces + "\nhtml { font-family: 'Yuva Sans'; }",
        font_config=font_config, url_fetcher=_weasyprint_fetcher(),
    )
    return font_config, base


# Drop the cached fonts before interpreter teardown, while the C libraries that
# FontConfiguration.__del__ calls are still loaded.
atexit.register(_font_setup.cache_clear)


@functools.cache
def _static_stylesheet(path):
    """A stylesheet from the project's static files, parsed once per process. Documents
    made in bulk (certificates) keep their CSS here instead of in a <style> element,
    which WeasyPrint would parse again for every PDF."""
    from weasyprint import CSS

    font_config, _base = _font_setup()
    found = finders.find(path)
    if not found:
        raise ResourceRefused(f"no static stylesheet {path!r}")
    return CSS(filename=found, font_config=font_config, url_fetcher=_weasyprint_fetcher())


atexit.register(_static_stylesheet.cache_clear)


def html_to_pdf(html, *, stylesheets=()):
    """Render an HTML string to PDF bytes with the project's fonts and fetcher, plus
    `stylesheets`: paths of static CSS files (parsed once per process)."""
    from weasyprint import HTML

    font_config, base_css = _font_setup()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_weasyprint_fetcher())
    extra = [_static_stylesheet(path) for path in stylesheets]
    return document.write_pdf(stylesheets=[base_css, *extra], font_config=font_config)


def render_pdf(template_name, context, language, *, stylesheets=()):
    """Render `template_name` with `context` in `language` and return PDF bytes."""
    with translation.override(language):
        html = render_to_string(template_name, {**context, "LANGUAGE_CODE": language})
    return html_to_pdf(html, stylesheets=stylesheets)
