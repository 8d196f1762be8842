import re

import pytest
from django.template.loader import get_template
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_sitemap_lists_every_live_page_in_every_language(client, site):
    from tests.factories.cms import news_article

    draft = news_article(site["az"]["news"], title="Qaralama", slug="qaralama")
    draft.unpublish()

    xml = client.get("/sitemap.xml").content.decode()

    locations = re.findall(r"<loc>http://localhost(/[^<]*)</loc>", xml)
    assert sorted(locations) == sorted(
        f"/{language}/{path}" for language in ("az", "en", "ru")
        for path in ("", "haqqimizda/", "xeberler/", "xeberler/quba-fabriki/", "elaqe/"))


def test_robots_txt_points_to_the_sitemap_and_keeps_private_areas_out(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\nDisallow: /portal/\nDisallow: /accounts/\n"
        "Sitemap: http://testserver/sitemap.xml\n")


def test_a_page_has_canonical_hreflang_and_open_graph_tags(client, site):
    html = client.get("/ru/haqqimizda/").content.decode()

    assert '<link rel="canonical" href="http://testserver/ru/haqqimizda/">' in html
    assert re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html) == [
        ("az", "http://testserver/az/haqqimizda/"), ("en", "http://testserver/en/haqqimizda/"),
        ("ru", "http://testserver/ru/haqqimizda/")]
    assert ('<link rel="alternate" hreflang="x-default" '
            'href="http://testserver/az/haqqimizda/">') in html
    assert '<meta property="og:title" content="О нас">' in html
    assert '<meta property="og:url" content="http://testserver/ru/haqqimizda/">' in html


def test_the_404_page_is_in_the_site_design_and_language(client, site):
    response = client.get("/en/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert re.search(r"<h1>(.*?)</h1>", html).group(1) == "Page not found"
    assert '<a class="skip-link" href="#main">' in html
    assert '<a class="brand" href="/en/">Yuva</a>' in html


def test_an_unprefixed_unknown_address_goes_to_the_language_version(client, db):
    response = client.get("/no-such-page/")

    assert (response.status_code, response["Location"]) == (302, "/az/no-such-page/")


def test_the_500_page_renders_without_database_or_request(django_assert_num_queries):
    with django_assert_num_queries(0), translation.override("en"):
        html = get_template("500.html").render()

    assert re.search(r"<h1>(.*?)</h1>", html).group(1) == "Something went wrong"
    assert '<link rel="stylesheet" href="/static/cms/site.css">' in html
