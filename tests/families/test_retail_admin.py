"""The retail back office: listings (filters, exports, constant queries), recording a
delivery with its lines, cancelling it, contract actions and PDFs, the chain's column
mapping, the reconciliation report, and who may do what."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from documents.models import Document
from families.models import Delivery, ProductionLot, RetailChain, RetailContract
from tests.factories import UserFactory
from tests.factories.products import ChainFactory, ContractItemFactory, StoreFactory
from tests.factories.retail import (
    days,
    deliver,
    listed,
    live_contract,
    made,
    retail_setup,
    sale,
    sales_import,
)
from tests.families.helpers import query_count, soup

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _document_storage(tmp_path, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path / "docs", base_url=None)
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)


@pytest.fixture
def manager(client):
    user = UserFactory(is_staff=True, preferred_language="en")
    user.groups.add(Group.objects.get(name="Sales managers"))
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


def test_delivery_listing_runs_constant_queries_and_exports(client, manager):
    contract, store, product, lot = retail_setup(stock="500")
    deliver(contract, store, (lot, "5"))
    url = reverse("abad_deliveries:index")
    one = query_count(lambda: client.get(url))
    for _ in range(6):
        other = StoreFactory(chain=contract.chain)
        deliver(contract, other, (lot, "3"), (made(product, "10"), "2"))
    assert query_count(lambda: client.get(url)) == one
    response = client.get(url + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Delivery note number", "Contract", "Store"]
    assert len(rows) == 8


@pytest.mark.parametrize("name", ["abad_contracts", "abad_chains", "abad_stores",
                                  "abad_returns"])
def test_other_listings_run_constant_queries(client, manager, name):
    contract, store, product, lot = retail_setup(stock="500")
    url = reverse(f"{name}:index")
    one = query_count(lambda: client.get(url))
    for _ in range(5):
        c = live_contract()
        StoreFactory(chain=c.chain)
        ContractItemFactory(contract=c)
    assert query_count(lambda: client.get(url)) == one


def test_recording_a_delivery_with_lines(client, manager):
    contract, store, product, lot = retail_setup(stock="100")
    second = made(product, "20")
    url = reverse("families_admin:delivery_create")
    assert client.get(url).status_code == 200
    data = {"contract": contract.pk, "store": store.pk, "delivered_on": days(-2).isoformat(),
            "note": "", "lines-TOTAL_FORMS": "4", "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "50",
            "lines-0-lot": lot.pk, "lines-0-quantity": "30",
            "lines-1-lot": second.pk, "lines-1-quantity": "25"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert f"Lot {second.lot_code} has only 20 jars left; 25 were asked for." in \
        response.content.decode()
    assert ProductionLot.objects.get(pk=lot.pk).stock == Decimal("100")
    data["lines-1-quantity"] = "20"
    response = client.post(url, data)
    delivery = Delivery.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("abad_deliveries:inspect", args=[delivery.pk])
    assert [ProductionLot.objects.get(pk=x.pk).stock for x in (lot, second)] == [
        Decimal("70"), Decimal("0")]
    page = client.get(response["Location"])
    assert [td.get_text() for td in soup(page).select("#lines tbody tr td:nth-of-type(3)")] == [
        lot.lot_code, second.lot_code]
    pdf = client.get(reverse("families_admin:delivery_pdf", args=[delivery.pk]) +
                     "?language=ru")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert Document.objects.get().language == "ru"
    response = client.post(reverse("families_admin:delivery_cancel", args=[delivery.pk]),
                           {"reason": "Wrong store"})
    assert response.status_code == 302
    assert ProductionLot.objects.get(pk=second.pk).stock == Decimal("20")
    assert "The delivery was cancelled; its stock is back in the lots." in \
        client.get(response["Location"]).content.decode()


def test_contract_actions(client, manager):
    contract = live_contract(status="draft")
    response = client.post(reverse("families_admin:contract_activate", args=[contract.pk]))
    assert response.status_code == 200
    assert "List at least one product before activating the contract." in \
        response.content.decode()
    product = listed(live_contract())
    response = client.post(reverse("families_admin:contract_item_add", args=[contract.pk]),
                           {"product": product.pk, "wholesale_price": "3.00",
                            "shelf_price": "4.50"})
    assert response.status_code == 302
    response = client.post(reverse("families_admin:contract_activate", args=[contract.pk]))
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.status == "active"
    page = client.get(reverse("abad_contracts:inspect", args=[contract.pk]))
    assert [td.get_text() for td in soup(page).select("#contract-items tbody td:nth-of-type(5)")
            ] == ["4,50\u00a0₼"]
    pdf = client.get(reverse("families_admin:contract_pdf", args=[contract.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    response = client.post(reverse("families_admin:contract_terminate", args=[contract.pk]),
                           {"reason": "Chain closed"})
    assert response.status_code == 302
    assert RetailContract.objects.get(pk=contract.pk).status == "terminated"


def test_chain_column_mapping_is_checked_on_the_form(client, manager):
    url = reverse("abad_chains:add")
    data = {"code": "BZR", "name": "Bazar Market", "contact_email": "",
            "column_map": '{"store": "Mağaza", "product": "Barkod", "date": "Tarix"}',
            "value_tolerance": "2.00", "active": "on"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Name the column that holds “units”." in response.content.decode()
    data["column_map"] = '{"store": "Mağaza", "product": "Barkod", "date": "Tarix", ' \
                         '"units": "Say"}'
    assert client.post(url, data).status_code == 302
    assert RetailChain.objects.get().column_map["units"] == "Say"


def test_reconciliation_report_highlights_and_exports(client, manager):
    chain = ChainFactory(name="Bazar Market")
    contract = live_contract(chain=chain)
    store = StoreFactory(chain=chain, code="B01")
    product = listed(contract, code="P-JAM")
    deliver(contract, store, (made(product, "50"), "10"))
    sale(sales_import(chain), store, contract.items.get(), days(-1), "3", stock="5")
    url = reverse("families_reconciliation_report")
    page = client.get(url, {"chain": chain.pk})
    rows = soup(page).select("#reconciliation tbody tr")
    assert [r.get("class") for r in rows] == [["fam-flagged"]]
    assert rows[0].select_one(".fam-diff").get_text() == "\u22122"
    export = client.get(url, {"chain": chain.pk, "export": "csv"})
    lines = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
    assert lines[0][:3] == ["Chain", "Store code", "Store"]
    assert lines[1][0:2] == ["Bazar Market", "B01"]
    assert lines[1][8:13] == ["10", "0", "3", "7", "5"]


def test_a_technician_may_not_record_deliveries(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Factory technicians"))
    client.force_login(user)
    for url in (reverse("families_admin:delivery_create"),
                reverse("families_reconciliation_report"),
                reverse("families_admin:contract_pdf", args=[live_contract().pk])):
        response = client.get(url)  # Wagtail answers a refusal with a redirect home
        assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_recording_a_return_through_the_form(client, manager):
    contract, store, product, lot = retail_setup(stock="100")
    deliver(contract, store, (lot, "10"))
    url = reverse("families_admin:return_create")
    data = {"contract": contract.pk, "store": store.pk, "returned_on": days(-1).isoformat(),
            "reason": "unsold", "note": "", "lines-TOTAL_FORMS": "2",
            "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "50", "lines-0-lot": lot.pk, "lines-0-quantity": "11"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert (f"Only 10 of lot {lot.lot_code} can come back from {store.name}: that is what "
            "was delivered there and not returned yet.") in response.content.decode()
    data["lines-0-quantity"] = "4"
    response = client.post(url, data)
    assert response.status_code == 302
    assert ProductionLot.objects.get(pk=lot.pk).stock == Decimal("94")
    page = client.get(response["Location"])
    assert [td.get_text() for td in soup(page).select("#lines tbody td")][2:] == [
        lot.lot_code, "4 jars", "yes"]


def test_creating_and_editing_a_contract(client, manager):
    chain = ChainFactory()
    data = {"chain": chain.pk, "number": "RC-NEW", "starts_on": days(0).isoformat(),
            "ends_on": days(-1).isoformat(), "terms": "outright", "margin_percent": "15",
            "payment_days": "20", "signed_on": "", "notes": ""}
    response = client.post(reverse("abad_contracts:add"), data)
    assert response.status_code == 200
    assert "A contract cannot end before it starts." in response.content.decode()
    data["ends_on"] = days(365).isoformat()
    response = client.post(reverse("abad_contracts:add"), data)
    contract = RetailContract.objects.get(number="RC-NEW")
    assert response["Location"] == reverse("abad_contracts:inspect", args=[contract.pk])
    assert (contract.status, contract.created_by) == ("draft", manager)
    data["payment_days"] = "60"
    response = client.post(reverse("abad_contracts:edit", args=[contract.pk]), data)
    assert response.status_code == 302
    assert RetailContract.objects.get(pk=contract.pk).payment_days == 60


def test_reconciliation_report_runs_constant_queries_and_exports_xlsx(client, manager):
    from openpyxl import load_workbook

    contract, store, product, lot = retail_setup(stock="500")
    deliver(contract, store, (lot, "5"))
    url = reverse("families_reconciliation_report")
    one = query_count(lambda: client.get(url))
    for _ in range(5):
        other = StoreFactory(chain=contract.chain)
        deliver(contract, other, (lot, "3"), (made(listed(contract), "10"), "2"))
    assert query_count(lambda: client.get(url)) == one
    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Chain", "Store code")
    assert len(rows) == 1 + len(list(
        __import__("families.selectors.retail", fromlist=["x"]).reconciliation()))
