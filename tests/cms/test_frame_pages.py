import re

import pytest

pytestmark = pytest.mark.django_db


def h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


TITLES = {
    "az": {"about": "Haqqımızda", "news": "Xəbərlər", "article": "Quba fabriki açıldı",
           "contact": "Əlaqə"},
    "en": {"about": "About us", "news": "News", "article": "The Guba factory opened",
           "contact": "Contact"},
    "ru": {"about": "О нас", "news": "Новости", "article": "Фабрика в Губе открылась",
           "contact": "Контакты"},
}
PATHS = {
    "az": {"home": "/az/", "about": "/az/haqqimizda/", "news": "/az/xeberler/",
           "article": "/az/xeberler/quba-fabriki/", "contact": "/az/elaqe/"},
}


@pytest.mark.parametrize("language", ["az", "en", "ru"])
@pytest.mark.parametrize("name", ["about", "news", "article", "contact"])
def test_each_page_type_renders_in_each_language(client, site, language, name):
    page = site[language][name]

    response = client.get(page.url)

    assert response.status_code == 200
    assert page.url.startswith(f"/{language}/")
    assert h1(response) == TITLES[language][name]
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize(("language", "hero"), [
    ("az", "Gənc biznes üçün bir pəncərə"), ("en", "Hero en"), ("ru", "Hero ru"),
])
def test_home_page_renders_in_each_language(client, site, language, hero):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert h1(response) == hero


def test_urls_carry_the_language(site):
    assert {name: page.url for name, page in site["az"].items()} == PATHS["az"]
    assert site["en"]["article"].url == "/en/xeberler/quba-fabriki/"


def test_the_root_redirects_to_azerbaijani_by_default(client, db):
    response = client.get("/")

    assert (response.status_code, response["Location"]) == (302, "/az/")


def test_the_root_redirects_to_the_browser_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")

    assert (response.status_code, response["Location"]) == (302, "/ru/")


def test_the_language_switcher_keeps_the_visitor_on_the_same_page(client, site):
    response = client.get(site["en"]["article"].url)

    links = re.findall(r'<li><a href="([^"]+)" hreflang="(\w+)"', response.content.decode())
    assert links == [("/az/xeberler/quba-fabriki/", "az"), ("/en/xeberler/quba-fabriki/", "en"),
                     ("/ru/xeberler/quba-fabriki/", "ru")]


def test_the_switcher_uses_alternate_urls_when_a_view_supplies_them(rf, site):
    from django.template.loader import render_to_string

    request = rf.get("/en/events/1/")
    html = render_to_string("cms/base.html", {
        "request": request,
        "alternate_urls": {"az": "/az/e/1/", "en": "/en/e/1/", "ru": "/ru/e/1/"},
    })

    assert re.findall(r'<li><a href="([^"]+)" hreflang', html) == [
        "/az/e/1/", "/en/e/1/", "/ru/e/1/"]


def test_portal_and_accounts_stay_without_a_language_prefix(client, db):
    assert client.get("/portal/")["Location"] == "/accounts/login/?next=/portal/"
    assert client.get("/accounts/login/").status_code == 200


def test_three_locales_exist_after_migrate(db):
    from wagtail.models import Locale

    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["az", "en", "ru"]


@pytest.mark.parametrize("name", ["home", "about", "news", "article", "contact"])
def test_editors_can_preview_every_page_type(site, name):
    page = site["ru"][name]
    page.title = "Черновик"

    response = page.make_preview_request()

    assert response.status_code == 200
    if name != "home":
        assert h1(response) == "Черновик"
