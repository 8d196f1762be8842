import pytest
from wagtail import hooks
from wagtail.models import Page, Workflow, WorkflowPage

from cms.demo import seed
from cms.models import ContactPage, NavigationSettings, NewsPage, StandardPage
from cms.wagtail_hooks import seed_site
from core.demo import SEED_HOOK

pytestmark = pytest.mark.django_db


def test_the_seed_hook_is_registered():
    assert seed_site in hooks.get_hooks(SEED_HOOK)


def test_the_demo_site_exists_in_three_languages_and_a_second_run_adds_nothing(client):
    seed()
    counts = Page.objects.count()
    seed()

    assert Page.objects.count() == counts == 1 + 3 * 11
    assert {lang: StandardPage.objects.filter(locale__language_code=lang).count()
            for lang in ("az", "en", "ru")} == {"az": 4, "en": 4, "ru": 4}
    assert NewsPage.objects.filter(locale__language_code="ru").count() == 4
    assert ContactPage.objects.count() == 3
    assert all(page.listing_image_alt for page in NewsPage.objects.all())
    assert WorkflowPage.objects.filter(
        workflow=Workflow.objects.get(name="News moderation")).count() == 3
    assert len(NavigationSettings.objects.get().menu) == 6


def test_the_demo_pages_answer_in_every_language(client):
    seed()

    for page in Page.objects.live().exclude(depth=1).specific():
        assert client.get(page.url).status_code == 200, page.url
    html = client.get("/ru/").content.decode()
    assert '<a href="/ru/o-nas/">О нас</a>' in html
    assert "Yuva — государственная поддержка стартапов" in html
