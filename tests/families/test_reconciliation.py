"""Reconciliation per store and product against hand-computed figures: delivered −
returned − sold against the stock the chain last reported; differences flagged;
cancelled deliveries and replaced imports do not count; one query however many rows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from families.models import SalesImport
from families.selectors.retail import reconciliation, reconciliation_summary
from families.services.deliveries import delivery_cancel, store_return_create
from tests.factories import UserFactory
from tests.factories.products import ChainFactory, StoreFactory
from tests.factories.retail import (
    days,
    deliver,
    listed,
    live_contract,
    made,
    sale,
    sales_import,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def world():
    chain = ChainFactory(name="Bazar Market")
    contract = live_contract(chain=chain)
    nizami = StoreFactory(chain=chain, code="B01", name="Nizami")
    ganja = StoreFactory(chain=chain, code="B02", name="Gəncə", region="ganja")
    jam = listed(contract, code="P-JAM", shelf="7.00")
    tea = listed(contract, code="P-TEA", shelf="4.00")
    jam_lot, tea_lot = made(jam, "200"), made(tea, "100")
    user = UserFactory()
    deliver(contract, nizami, (jam_lot, "50"), (tea_lot, "20"), on=days(-20))
    deliver(contract, nizami, (jam_lot, "10"), on=days(-12))
    cancelled = deliver(contract, ganja, (jam_lot, "99"), on=days(-15))
    delivery_cancel(delivery=cancelled, actor=user, reason="wrong store")
    deliver(contract, ganja, (jam_lot, "30"), on=days(-15))
    store_return_create(contract=contract, store=nizami, returned_on=days(-5), reason="damaged",
                        lines=[(jam, jam_lot, Decimal("4"))], created_by=user)
    items = {item.product_id: item for item in contract.items.all()}
    imported = sales_import(chain)
    sale(imported, nizami, items[jam.pk], days(-10), "20", stock="40", row=1)
    sale(imported, nizami, items[jam.pk], days(-3), "6", stock="29", row=2)
    sale(imported, nizami, items[tea.pk], days(-3), "8", stock="12", row=3)
    sale(imported, ganja, items[jam.pk], days(-3), "10.5", stock="19.5", row=4)
    old = sales_import(chain, start=days(-60), end=days(-31))
    SalesImport.objects.filter(pk=old.pk).update(status=SalesImport.Status.REPLACED)
    sale(old, nizami, items[jam.pk], days(-40), "999", stock="0", row=1)
    return {"chain": chain, "nizami": nizami, "ganja": ganja, "jam": jam, "tea": tea}


def figures(rows):
    return [(r["store_code"], r["product_code"], r["delivered"], r["returned"], r["sold"],
             r["expected"], r["reported"], r["difference"], r["flagged"]) for r in rows]


def test_reconciliation_matches_hand_computed_figures(world):
    D = Decimal  # noqa: N806
    rows = list(reconciliation(chain=world["chain"]))
    # Nizami jam: 50 + 10 delivered − 4 returned − (20 + 6) sold = 30; reported 29 → −1
    # Nizami tea: 20 − 0 − 8 = 12; reported 12 → 0
    # Gəncə jam: 30 (the cancelled 99 do not count) − 0 − 10.5 = 19.5; reported 19.5
    assert figures(rows) == [
        ("B01", "P-JAM", D("60"), D("4"), D("26"), D("30"), D("29"), D("-1"), True),
        ("B01", "P-TEA", D("20"), D("0"), D("8"), D("12"), D("12"), D("0"), False),
        ("B02", "P-JAM", D("30"), D("0"), D("10.5"), D("19.5"), D("19.5"), D("0"), False),
    ]
    assert rows[0]["reported_on"] == days(-3)
    assert rows[0]["chain_name"] == "Bazar Market"
    summary = reconciliation_summary(rows)
    assert (summary["delivered"], summary["sold"], summary["flagged"]) == (
        D("110"), D("44.5"), 1)


def test_reconciliation_until_a_day_and_filters(world):
    D = Decimal  # noqa: N806
    rows = list(reconciliation(store=world["nizami"], product=world["jam"], until=days(-10)))
    # up to day −10: 60 delivered, nothing returned, 20 sold; the chain reported 40
    assert figures(rows) == [
        ("B01", "P-JAM", D("60"), D("0"), D("20"), D("40"), D("40"), D("0"), False)]
    assert [r["store_code"] for r in reconciliation(chain=world["chain"],
                                                    differences_only=True)] == ["B01"]
    assert list(reconciliation(family=world["tea"].family)) == [
        r for r in reconciliation() if r["product_code"] == "P-TEA"]


def test_nothing_reported_is_not_flagged_and_query_count_is_constant(world):
    D = Decimal  # noqa: N806
    contract = live_contract()
    store = StoreFactory(chain=contract.chain, code="X01")
    honey = listed(contract, code="P-HONEY")
    deliver(contract, store, (made(honey, "10"), "4"))
    rows = list(reconciliation(chain=contract.chain))
    assert figures(rows) == [("X01", "P-HONEY", D("4"), D("0"), D("0"), D("4"), None, None,
                              False)]
    with CaptureQueriesContext(connection) as one:
        list(reconciliation(chain=contract.chain))
    with CaptureQueriesContext(connection) as many:
        list(reconciliation())
    assert len(one.captured_queries) == len(many.captured_queries) == 1
