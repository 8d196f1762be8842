"""The live pages' demo: every index, the five centres, the programmes and two family
stories, in three languages, built once."""

import io

import pytest
from django.core.cache import cache
from wagtail import hooks

from cms import demo_live
from cms.hooks_live import seed_live_pages
from cms.models import (
    CataloguePage,
    CentreIndexPage,
    CentrePage,
    EventIndexPage,
    FamilyStoryPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StartupDirectoryPage,
)
from core import demo as core_demo
from core.models import Centre, Enterprise
from tests.factories.families import FamilyFactory
from tests.factories.programmes import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    core_demo.seed()
    for slug in demo_live.PROGRAMMES:
        ProgrammeFactory(slug=slug, centre=Centre.objects.get(slug="innoland-baku"))
    for name in demo_live.STORIES:
        FamilyFactory(enterprise=Enterprise.objects.get(name=name))
    outputs = [io.StringIO(), io.StringIO()]
    for out in outputs:
        demo_live.seed(stdout=out)
    return [out.getvalue() for out in outputs]


def test_the_live_pages_are_seeded_once_in_three_languages(seeded, client):
    assert seeded == [
        "cms (live pages): 15 pages created, each in az, en and ru.",
        "cms (live pages): 0 pages created, each in az, en and ru.",
    ]
    for model, count in ((CentreIndexPage, 1), (ProgrammeIndexPage, 1), (EventIndexPage, 1),
                         (StartupDirectoryPage, 1), (CataloguePage, 1), (CentrePage, 5),
                         (ProgrammePage, 3), (FamilyStoryPage, 2)):
        for lang in ("az", "en", "ru"):
            assert model.objects.live().filter(locale__language_code=lang).count() == count
    assert sorted(CentrePage.objects.filter(locale__language_code="en")
                  .values_list("title", flat=True)) == [
        "ABAD Balakan regional centre", "ABAD Guba factory", "INNOLAND Baku",
        "INNOLAND Shamakhi", "INNOLAND Sheki"]

    guba = CentrePage.objects.get(locale__language_code="ru", centre__slug="abad-guba-factory")
    assert guba.url == "/ru/tsentry/abad-guba-factory/"
    html = client.get(guba.url).content.decode()
    assert "<h1>Фабрика ABAD в Губе</h1>" in html
    assert "<li>Смены: понедельник–суббота 08:00–13:00 и 14:00–19:00</li>" in html
    for page in (*CataloguePage.objects.all(), *FamilyStoryPage.objects.all(),
                 *ProgrammePage.objects.all(), *EventIndexPage.objects.all(),
                 *StartupDirectoryPage.objects.all()):
        assert client.get(page.url).status_code == 200, page.url


def test_the_hook_runs_after_the_site_frame():
    assert seed_live_pages in hooks.get_hooks(core_demo.SEED_HOOK)
    assert hooks.get_hooks(core_demo.SEED_HOOK)[-1] is seed_live_pages
