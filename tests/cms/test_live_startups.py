# ruff: noqa: F811  (pytest fixtures imported from live_fixtures)
import pytest

from cms.models import StartupDirectoryPage
from core.models import Enterprise
from incubator.models import Startup
from tests.cms.live_fixtures import add_page, count_queries, homes  # noqa: F401
from tests.factories.core import CentreFactory, EnterpriseFactory
from tests.factories.incubator import StartupFactory

pytestmark = pytest.mark.django_db


def directory(homes):
    return add_page(homes, StartupDirectoryPage(title="Startaplar", slug="startaplar",
                                                intro="Bizim startaplar"),
                    en={"title": "Startups", "slug": "startups", "intro": "Our startups"},
                    ru={"title": "Стартапы", "slug": "startapy", "intro": "Наши стартапы"})


def startup(name, *, public=True, centre=None, **kwargs):
    sector = kwargs.pop("sector", Enterprise.Sector.SOFTWARE)
    enterprise = EnterpriseFactory(name=name, sector=sector,
                                   **({"centre": centre} if centre else {}))
    return StartupFactory(enterprise=enterprise, public_profile=public, **kwargs)


def names(response):
    return [s.enterprise.name for s, _url in response.context["page_obj"].object_list]


def test_directory_lists_only_startups_that_opted_in_in_each_language(client, homes):
    pages = directory(homes)
    startup("PulQabı")
    startup("Dərsim")
    startup("Gizli Layihə", public=False)
    for lang, intro in (("az", "Bizim startaplar"), ("en", "Our startups"),
                        ("ru", "Наши стартапы")):
        response = client.get(pages[lang].url)
        assert response.status_code == 200
        assert names(response) == ["Dərsim", "PulQabı"]
        assert f'<p class="lead">{intro}</p>' in response.content.decode()
        assert "Gizli Layihə" not in response.content.decode()


def test_directory_filters_by_sector_stage_and_centre(client, homes):
    url = directory(homes)["en"].url
    sheki = CentreFactory(name="INNOLAND Sheki")
    startup("Tarla Sensor", sector=Enterprise.Sector.AGRITECH, centre=sheki,
            stage=Startup.Stage.IDEA)
    startup("PulQabı", sector=Enterprise.Sector.FINTECH, stage=Startup.Stage.REVENUE)
    startup("Dərsim", sector=Enterprise.Sector.EDTECH, stage=Startup.Stage.REVENUE)
    startup("Gizli", sector=Enterprise.Sector.AGRITECH, centre=sheki, public=False)

    assert names(client.get(url, {"sector": "agritech"})) == ["Tarla Sensor"]
    assert names(client.get(url, {"stage": "revenue"})) == ["Dərsim", "PulQabı"]
    assert names(client.get(url, {"centre": sheki.pk})) == ["Tarla Sensor"]
    html = client.get(url).content.decode()
    for field in ("sector", "stage", "centre"):
        assert f'<label for="id_{field}">' in html


def test_startup_profile_sub_page_and_its_alternate_urls(client, homes):
    pages = directory(homes)
    shown = startup("ÜzümLab", pitch="Üzüm bağlarında xəstəlikləri erkən aşkar edir.")
    hidden = startup("Gizli", public=False)
    urls = {"az": f"/az/startaplar/{shown.pk}-uzumlab/",
            "en": f"/en/startups/{shown.pk}-uzumlab/",
            "ru": f"/ru/startapy/{shown.pk}-uzumlab/"}
    assert [url for _s, url in client.get(pages["az"].url).context["page_obj"].object_list
            ] == [urls["az"]]
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 200
        assert "<h1>ÜzümLab</h1>" in response.content.decode()
        assert [u for _code, _label, u in response.context["alternate_urls"]] == list(
            urls.values())
    assert client.get(f"/en/startups/{hidden.pk}-gizli/").status_code == 404


def test_directory_queries_do_not_grow_with_startups(client, homes):
    url = directory(homes)["en"].url
    startup("Bir")
    one = count_queries(client, url)
    for name in ("İki", "Üç", "Dörd", "Beş"):
        startup(name, centre=CentreFactory())
    assert count_queries(client, url) == one
