"""The public-page cache: anonymous GETs of the public site, answered from the "pages"
cache without touching the database, for PAGE_CACHE_SECONDS (60 s, so a change in the
operations data shows within a minute). `purge_site_cache()` empties it; Wagtail's
publish/unpublish/move/delete signals call it (cms/signals.py).

What is cached: GET/HEAD on the language-prefixed site (/az/, /en/, /ru/), sitemap.xml
and robots.txt, without a session or messages cookie, without a query string other than
`page` and `tag`, answered 200 without setting a cookie (a form's CSRF cookie makes its
page uncacheable) and without Cache-Control private/no-cache/no-store."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost

CACHE_ALIAS = "pages"
ALLOWED_PARAMS = {"page", "tag"}
EXTRA_PATHS = {"/sitemap.xml", "/robots.txt"}
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
HEADER = "X-Page-Cache"


def page_cache():
    return caches[CACHE_ALIAS]


def purge_site_cache():
    """Forget every cached page (all processes share the cache)."""
    page_cache().clear()


def _public_path(path):
    if path in EXTRA_PATHS:
        return True
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    return path.startswith(prefixes)


def request_key(request):
    """The cache key of a request, or None when it must not come from the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    if request.headers.get("HX-Request") or not _public_path(request.path):
        return None
    if set(request.GET) - ALLOWED_PARAMS:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = urlencode(sorted((k, v) for k in request.GET for v in request.GET.getlist(k)))
    raw = f"{request.scheme}://{host}{request.path}?{query}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def response_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in UNCACHEABLE_CONTROL)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request)
        if key is None:
            return self.get_response(request)
        cached = page_cache().get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if response_cacheable(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response[HEADER] = "miss"
            page_cache().set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
