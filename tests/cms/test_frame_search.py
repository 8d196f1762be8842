import re

import pytest

from cms import search
from tests.factories.cms import site_in_all_languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db, django_capture_on_commit_callbacks):
    """The site, with the search index updated: Wagtail indexes a page after the
    transaction commits, which a test's transaction never does."""
    with django_capture_on_commit_callbacks(execute=True):
        return site_in_all_languages()


def results(response):
    return re.findall(r'<li><h3><a href="([^"]+)">([^<]+)</a></h3>', response.content.decode())


def test_search_finds_a_page_in_the_current_language(client, site):
    assert results(client.get("/en/search/?q=Guba")) == [
        ("/en/xeberler/quba-fabriki/", "The Guba factory opened")]
    assert results(client.get("/az/search/?q=Haqqımızda")) == [("/az/haqqimizda/",
                                                                 "Haqqımızda")]


def test_search_also_asks_the_other_sources(client, site, monkeypatch):
    def catalogue(query, language):
        return [{"title": f"{query} mürəbbəsi", "url": f"/{language}/c/1/", "summary": "",
                 "kind": "product"}]

    monkeypatch.setattr(search, "SEARCH_SOURCES", [catalogue])
    monkeypatch.setattr("cms.views.SEARCH_SOURCES", search.SEARCH_SOURCES)

    assert results(client.get("/ru/search/?q=Фабрика")) == [
        ("/ru/xeberler/quba-fabriki/", "Фабрика в Губе открылась"),
        ("/ru/c/1/", "Фабрика mürəbbəsi")]


def test_an_empty_search_shows_the_form_only(client, db):
    response = client.get("/az/search/")

    assert response.status_code == 200
    assert results(response) == []
