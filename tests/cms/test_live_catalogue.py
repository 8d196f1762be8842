# ruff: noqa: F811  (pytest fixtures imported from live_fixtures)
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.models import CataloguePage, FamilyStoryPage
from families.models import Product, RetailContract
from tests.cms.live_fixtures import add_page, count_queries, homes  # noqa: F401
from tests.factories.products import (
    BrandFactory,
    ContractFactory,
    ContractItemFactory,
    ProductFactory,
    StoreFactory,
)

pytestmark = pytest.mark.django_db


def in_force(chain, **kwargs):
    """A contract with `chain` in force today."""
    today = timezone.localdate()
    return ContractFactory(chain=chain, starts_on=today - datetime.timedelta(days=30),
                           ends_on=today + datetime.timedelta(days=300), **kwargs)


def catalogue(homes):
    return add_page(homes, CataloguePage(title="ABAD kataloqu", slug="kataloq",
                                         intro="Ailə məhsulları"),
                    en={"title": "ABAD catalogue", "slug": "catalogue",
                        "intro": "Family products"},
                    ru={"title": "Каталог ABAD", "slug": "katalog",
                        "intro": "Семейные продукты"})


def names(response):
    return [p.name for p, _url in response.context["page_obj"].object_list]


def test_a_listed_product_appears_with_its_stores_and_a_discontinued_one_does_not(client,
                                                                                  homes):
    pages = catalogue(homes)
    jam = ProductFactory(name_az="Heyva mürəbbəsi", name_en="Quince jam",
                         name_ru="Айвовое варенье", recommended_price=Decimal("6.50"))
    ProductFactory(name_az="Köhnə mürəbbə", name_en="Old jam",
                   status=Product.Status.DISCONTINUED)
    ProductFactory(name_az="Dizayn mərhələsində", name_en="In design",
                   status=Product.Status.IN_DESIGN)
    bravo = StoreFactory(name="Bravo Nərimanov", address="Təbriz küç. 44, Bakı",
                         chain__name="Bravo")
    StoreFactory(chain=bravo.chain, name="Bravo Bağlı", active=False)
    ContractItemFactory(product=jam, contract=in_force(bravo.chain),
                        shelf_price=Decimal("7.20"))
    expired = StoreFactory(name="Araz Yasamal", chain__name="Araz")
    ContractItemFactory(product=jam, contract=in_force(
        expired.chain, status=RetailContract.Status.EXPIRED))

    for lang, name in (("az", "Heyva mürəbbəsi"), ("en", "Quince jam"),
                       ("ru", "Айвовое варенье")):
        response = client.get(pages[lang].url)
        assert response.status_code == 200
        assert names(response) == [name]
        product = response.context["page_obj"].object_list[0][0]
        assert [(li.contract.chain.name, li.shelf_price,
                 [s.name for s in li.contract.chain.open_stores])
                for li in product.listings] == [("Bravo", Decimal("7.20"), ["Bravo Nərimanov"])]
        html = response.content.decode()
        assert "Bravo Nərimanov (Təbriz küç. 44, Bakı)" in html
        assert "Araz Yasamal" not in html
        assert "Old jam" not in html and "Köhnə mürəbbə" not in html


def test_catalogue_filters_by_category_and_brand(client, homes):
    url = catalogue(homes)["en"].url
    brand = BrandFactory(name="Nənəmin bağı")
    ProductFactory(name_en="Quince jam", brand=brand, category="jam")
    ProductFactory(name_en="Mountain honey", category="honey")
    ProductFactory(name_en="Cornel jam", category="jam")
    assert names(client.get(url, {"category": "honey"})) == ["Mountain honey"]
    assert sorted(names(client.get(url, {"category": "jam"}))) == ["Cornel jam", "Quince jam"]
    assert names(client.get(url, {"brand": brand.pk})) == ["Quince jam"]
    html = client.get(url).content.decode()
    assert '<label for="id_category">' in html and '<label for="id_brand">' in html


def test_product_sub_page_with_where_to_buy_story_link_and_alternate_urls(client, homes):
    pages = catalogue(homes)
    jam = ProductFactory(name_az="Zoğal mürəbbəsi", name_en="Cornel jam",
                         name_ru="Кизиловое варенье", description_en="Cooked the slow way.")
    store = StoreFactory(name="Bazarstore Gənclik")
    ContractItemFactory(product=jam, contract=in_force(store.chain))
    stories = add_page(pages, FamilyStoryPage(title="Quliyevlərin hekayəsi",
                                              slug="quliyevler", family=jam.family),
                       en={"title": "The Quliyevs' story"},
                       ru={"title": "История Кулиевых"})
    urls = {"az": f"/az/kataloq/{jam.pk}-cornel-jam/", "en": f"/en/catalogue/{jam.pk}-cornel-jam/",
            "ru": f"/ru/katalog/{jam.pk}-cornel-jam/"}
    for lang, name in (("az", "Zoğal mürəbbəsi"), ("en", "Cornel jam"),
                       ("ru", "Кизиловое варенье")):
        response = client.get(urls[lang])
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{name}</h1>" in html
        assert "Bazarstore Gənclik" in html
        assert f'<a href="{stories[lang].url}">' in html
        assert [u for _c, _l, u in response.context["alternate_urls"]] == list(urls.values())
    assert '<p class="lead">Cooked the slow way.</p>' in client.get(urls["en"]).content.decode()

    Product.objects.filter(pk=jam.pk).update(status=Product.Status.DISCONTINUED)
    assert client.get(urls["en"]).status_code == 404


def test_family_story_page_shows_the_familys_listed_products(client, homes):
    pages = catalogue(homes)
    jam = ProductFactory(name_en="Quince jam")
    ProductFactory(name_en="Dried apple", brand=jam.brand)
    ProductFactory(name_en="Old jam", brand=jam.brand, status=Product.Status.DISCONTINUED)
    ProductFactory(name_en="Another family's honey")
    stories = add_page(pages, FamilyStoryPage(title="Quba Mürəbbə Evi", slug="quba-murebbe",
                                              family=jam.family, intro="Üç nəsil"),
                       en={"title": "Quba Jam House", "intro": "Three generations"},
                       ru={"title": "Дом варенья Губы", "intro": "Три поколения"})
    for lang, (title, intro) in {"az": ("Quba Mürəbbə Evi", "Üç nəsil"),
                                 "en": ("Quba Jam House", "Three generations"),
                                 "ru": ("Дом варенья Губы", "Три поколения")}.items():
        response = client.get(stories[lang].url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{title}</h1>" in html
        assert f'<p class="lead">{intro}</p>' in html
    response = client.get(stories["en"].url)
    assert sorted(p.name for p, _url in response.context["products"]) == [
        "Dried apple", "Quince jam"]
    assert response.context["products"][0][1].startswith("/en/catalogue/")


def test_catalogue_queries_do_not_grow_with_products_and_stores(client, homes):
    url = catalogue(homes)["en"].url
    store = StoreFactory()
    contract = in_force(store.chain)
    ContractItemFactory(contract=contract)
    one = count_queries(client, url)
    for _ in range(4):
        other = StoreFactory()
        StoreFactory(chain=other.chain)
        ContractItemFactory(contract=in_force(other.chain))
        ContractItemFactory(contract=contract)
    assert count_queries(client, url) == one


def test_product_photos_render_with_their_alt_text_and_no_query_per_photo(client, homes):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from families.models import ProductPhoto

    url = catalogue(homes)["en"].url
    image_model = get_image_model()

    def photographed(name):
        product = ProductFactory(name_en=name)
        image = image_model.objects.create(title=name, file=get_test_image_file())
        ProductPhoto.objects.create(product=product, image=image,
                                    alt_text=f"A jar of {name.lower()} on a wooden table")
        return product

    jam = photographed("Quince jam")
    one = count_queries(client, url)
    for name in ("Cornel jam", "Apple jam", "Fig jam"):
        photographed(name)
    assert count_queries(client, url) == one

    html = client.get(url).content.decode()
    assert 'alt="A jar of quince jam on a wooden table" loading="lazy">' in html
    html = client.get(f"/en/catalogue/{jam.pk}-quince-jam/").content.decode()
    assert 'alt="A jar of quince jam on a wooden table">' in html
    assert ".webp" in html
