import pytest
from wagtail.models import Page

from cms.cache import purge_site_cache

pytestmark = pytest.mark.django_db


def test_a_cache_hit_runs_no_database_query(client, site, django_assert_num_queries):
    first = client.get("/en/haqqimizda/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/en/haqqimizda/")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_page_purges_the_cache(client, site):
    client.get("/az/haqqimizda/")
    about = site["az"]["about"]
    about.title = "Biz kimik"
    about.save_revision().publish()

    response = client.get("/az/haqqimizda/")

    assert response["X-Page-Cache"] == "miss"
    assert "<h1>Biz kimik</h1>" in response.content.decode()


@pytest.mark.parametrize("action", ["unpublish", "delete", "move"])
def test_unpublishing_deleting_or_moving_purges_the_cache(client, site, action):
    client.get("/az/")
    assert client.get("/az/")["X-Page-Cache"] == "hit"
    page = site["az"]["about"]
    if action == "unpublish":
        page.unpublish()
    elif action == "delete":
        Page.objects.get(pk=page.pk).delete()
    else:
        page.move(site["az"]["news"], pos="last-child")

    assert client.get("/az/")["X-Page-Cache"] == "miss"


def test_purge_site_cache_empties_it(client, site):
    client.get("/az/")
    purge_site_cache()

    assert client.get("/az/")["X-Page-Cache"] == "miss"


def test_a_visitor_with_a_session_is_never_served_from_the_cache(client, site):
    client.get("/az/")
    client.cookies["sessionid"] = "abc"

    assert "X-Page-Cache" not in client.get("/az/")


@pytest.mark.parametrize("path", ["/az/?utm=1", "/az/search/?q=Quba", "/portal/",
                                  "/az/elaqe/"])
def test_other_requests_are_not_cached(client, site, path):
    client.get(path)

    assert "X-Page-Cache" not in client.get(path)


def test_the_news_pages_are_cached_per_tag_and_page(client, site):
    client.get("/az/xeberler/?tag=abad")

    assert client.get("/az/xeberler/?tag=abad")["X-Page-Cache"] == "hit"
    assert client.get("/az/xeberler/?page=2")["X-Page-Cache"] == "miss"


def test_the_contact_form_is_never_cached_even_for_a_visitor_with_a_csrf_cookie(client, site):
    client.get("/az/elaqe/")
    assert "csrftoken" in client.cookies

    response = client.get("/az/elaqe/")

    assert "X-Page-Cache" not in response
    assert response.cookies["csrftoken"].value


def test_saving_the_navigation_purges_the_cache(client, site):
    from wagtail.models import Site

    from cms.models import NavigationSettings

    client.get("/en/")
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.footer_text_en = "Baku, 24 Bakikhanov St"
    navigation.save()

    response = client.get("/en/")

    assert response["X-Page-Cache"] == "miss"
    assert "<p>Baku, 24 Bakikhanov St</p>" in response.content.decode()
