"""Fixtures of the live pages' tests: the home page in three languages and a helper
that adds a page with its translations. Import what a test module uses."""

import pytest
from django.core.cache import cache, caches

from cms.pagetree import add_translated_page, home_pages

LANGS = ("az", "en", "ru")


@pytest.fixture
def homes(db, settings):
    cache.clear()  # Wagtail keeps the site's root paths in the cache
    # These tests read what each request renders: no answer from the public-page cache
    # (cms/cache.py, when the site frame is merged) — nothing stored, nothing left over.
    settings.PAGE_CACHE_SECONDS = 0
    if "pages" in settings.CACHES:
        caches["pages"].clear()
    return home_pages()


def add_page(parent_pages, page, **translations):
    """Add `page` under the Azerbaijani parent and its translations
    (en={...}, ru={...}); returns {language: page}."""
    return add_translated_page(parent_pages["az"], page, translations)


def count_queries(client, url):
    """The number of queries a GET of `url` runs (after one warm-up request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
