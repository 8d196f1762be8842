# ruff: noqa: F811  (pytest fixtures imported from live_fixtures)
import pytest

from cms.models import CataloguePage, StartupDirectoryPage
from cms.search import SEARCH_SOURCES
from cms.search_live import search_products, search_startups
from families.models import Product
from tests.cms.live_fixtures import add_page, homes  # noqa: F401
from tests.factories.core import EnterpriseFactory
from tests.factories.incubator import StartupFactory
from tests.factories.products import ProductFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_and_the_directory_are_search_sources():
    assert search_products in SEARCH_SOURCES
    assert search_startups in SEARCH_SOURCES


def test_search_finds_a_listed_product_in_the_searchers_language(homes):
    add_page(homes, CataloguePage(title="Kataloq", slug="kataloq"),
             en={"title": "Catalogue", "slug": "catalogue"},
             ru={"title": "Каталог", "slug": "katalog"})
    jam = ProductFactory(name_az="Zoğal mürəbbəsi", name_en="Cornel jam",
                         name_ru="Кизиловое варенье", description_en="Slow-cooked.")
    ProductFactory(name_en="Cornel syrup", status=Product.Status.DISCONTINUED)

    assert search_products("cornel", "en") == [{
        "title": "Cornel jam", "url": f"/en/catalogue/{jam.pk}-cornel-jam/",
        "summary": "Slow-cooked.", "kind": "Product"}]
    assert [r["title"] for r in search_products("zoğal", "ru")] == ["Кизиловое варенье"]
    assert search_products("", "en") == []


def test_search_finds_only_startups_in_the_directory(homes):
    add_page(homes, StartupDirectoryPage(title="Startaplar", slug="startaplar"),
             en={"title": "Startups", "slug": "startups"},
             ru={"title": "Стартапы", "slug": "startapy"})
    shown = StartupFactory(enterprise=EnterpriseFactory(name="Tarla Sensor"),
                           public_profile=True, pitch="Torpaq nəmliyi sensorları.")
    StartupFactory(enterprise=EnterpriseFactory(name="Tarla Gizli"), public_profile=False)

    assert search_startups("tarla", "az") == [{
        "title": "Tarla Sensor", "url": f"/az/startaplar/{shown.pk}-tarla-sensor/",
        "summary": "Torpaq nəmliyi sensorları.", "kind": "Startap"}]
