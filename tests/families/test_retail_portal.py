"""The family's retail pages: its lots and where they went, its listed products with
prices; never another family's; another family's pages answer 404; constant queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from families.services.deliveries import store_return_create
from tests.factories import UserFactory
from tests.factories.families import family_member
from tests.factories.products import BrandFactory, ProductFactory, StoreFactory
from tests.factories.retail import days, deliver, listed, live_contract, made
from tests.families.helpers import query_count, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    family, member = family_member(preferred_language="en")
    other, _other_member = family_member()
    contract = live_contract(number="RC-77")
    store = StoreFactory(chain=contract.chain, name="Xətai")
    mine = listed(contract, ProductFactory(brand=BrandFactory(family=family),
                                           name_en="Medlar jam"), wholesale="4.10", shelf="5.90")
    theirs = listed(contract, ProductFactory(brand=BrandFactory(family=other),
                                             name_en="Secret tea"), wholesale="9.99",
                    shelf="12.00")
    lot = made(mine, "100", code="MY-LOT-1")
    their_lot = made(theirs, "50", code="THEIR-LOT-1")
    deliver(contract, store, (lot, "30"), (their_lot, "10"), on=days(-9))
    store_return_create(contract=contract, store=store, returned_on=days(-2), reason="unsold",
                        lines=[(mine, lot, Decimal("4"))], created_by=UserFactory())
    client.force_login(member)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return {"family": family, "other": other, "contract": contract, "store": store,
            "lot": lot, "mine": mine}


def test_my_lots_show_stock_deliveries_and_returns(client, world):
    page = client.get(reverse("families:retail_lots", args=[world["family"].pk]))
    html = page.content.decode()
    assert "THEIR-LOT-1" not in html and "Secret tea" not in html
    section = soup(page).select_one(f"#lot-{world['lot'].pk}")
    assert "Made on" in section.get_text() and "74 jars left at ABAD" in section.get_text()
    assert [[td.get_text() for td in tr.select("td")]
            for tr in section.select("table.deliveries tbody tr")] == [
        [f"{days(-9):%d.%m.%Y}", f"{world['contract'].chain.name} · Xətai", "30 jars"]]
    assert [[td.get_text() for td in tr.select("td")]
            for tr in section.select("table.returns tbody tr")] == [
        [f"{days(-2):%d.%m.%Y}", "Xətai", "4 jars", "Unsold · back in stock"]]


def test_my_listings_show_only_my_items(client, world):
    page = client.get(reverse("families:retail_listings", args=[world["family"].pk]))
    rows = [[td.get_text() for td in tr.select("td")] for tr in soup(page).select(
        "#listings tbody tr")]
    assert rows == [[world["contract"].chain.name, "RC-77 (Consignment)",
                     f"{world['contract'].ends_on:%d.%m.%Y}", "Medlar jam", "4,10\u00a0₼",
                     "5,90\u00a0₼"]]
    assert "9,99" not in page.content.decode()


@pytest.mark.parametrize("name", ["retail_lots", "retail_listings"])
def test_another_familys_pages_answer_404(client, world, name):
    assert client.get(reverse(f"families:{name}", args=[world["other"].pk])).status_code == 404
    client.logout()
    response = client.get(reverse(f"families:{name}", args=[world["family"].pk]))
    assert response.status_code == 302


def test_my_lots_page_runs_constant_queries(client, world):
    url = reverse("families:retail_lots", args=[world["family"].pk])
    one = query_count(lambda: client.get(url))
    for _i in range(4):
        lot = made(world["mine"], "20")
        store = StoreFactory(chain=world["contract"].chain)
        deliver(world["contract"], store, (lot, "5"), (world["lot"], "1"))
    assert query_count(lambda: client.get(url)) == one


def test_the_portal_home_links_my_retail_pages(client, world):
    page = client.get(reverse("core:portal_home"))
    assert reverse("families:retail_lots", args=[world["family"].pk]) in page.content.decode()
