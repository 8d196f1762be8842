"""Chains, stores and contracts: codes unique per chain, the column mapping, the
contract's life (draft → active → expired or terminated), listed products and their
prices, and the expiry job and alert."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from core.errors import DomainError
from families.models import ComplianceDocument, ContractItem, Notification, RetailContract
from families.services.retail import (
    chain_create,
    chain_update,
    column_map_problem,
    contract_activate,
    contract_create,
    contract_expiry_alerts_send,
    contract_item_add,
    contract_item_remove,
    contract_item_reprice,
    contract_terminate,
    contract_update,
    contracts_expire,
    store_create,
    store_update,
)
from tests.factories import UserFactory
from tests.factories.products import ChainFactory, ProductFactory, StoreFactory
from tests.factories.retail import days, deliver, listed, live_contract, made, today

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def manager():
    user = UserFactory(is_staff=True, preferred_language="en", email="sales@abad.test")
    user.groups.add(Group.objects.get(name="Sales managers"))
    return user


def draft(manager, **kwargs):
    kwargs.setdefault("chain", ChainFactory())
    return contract_create(actor=manager, number=kwargs.pop("number", "RC-1"),
                           starts_on=kwargs.pop("starts_on", days(-5)),
                           ends_on=kwargs.pop("ends_on", days(360)),
                           margin_percent=Decimal("18.50"), **kwargs)


def test_store_codes_are_unique_per_chain_only(manager):
    chain, other = ChainFactory(), ChainFactory()
    store_create(chain=chain, actor=manager, code="B01", name="Nərimanov", address="Bakı",
                 region="baku")
    store_create(chain=other, actor=manager, code="B01", name="Gəncə", address="Gəncə",
                 region="ganja")
    with pytest.raises(DomainError) as exc:
        store_create(chain=chain, actor=manager, code="B01", name="Yasamal", address="Bakı",
                     region="baku")
    assert exc.value.message == f"{chain.name} already has a store with the code B01."
    second = store_create(chain=chain, actor=manager, code="B02", name="Yasamal",
                          address="Bakı", region="baku")
    with pytest.raises(DomainError):
        store_update(store=second, actor=manager, code="B01")
    assert store_update(store=second, actor=manager, code="B03").code == "B03"


def test_column_mapping_is_validated(manager):
    assert column_map_problem({"store": "Mağaza", "product": "Barkod", "date": "Tarix",
                               "units": "Say"}) is None
    assert column_map_problem(["store"]) == \
        "The column mapping must be an object of figure → column heading."
    assert column_map_problem({"store": "A", "product": "B", "date": "C"}) == \
        "Name the column that holds “units”."
    assert column_map_problem({"store": "A", "product": "a", "date": "C", "units": "D"}) == \
        "Two figures cannot come from the same column."
    assert column_map_problem({"store": "A", "product": "B", "date": "C", "units": "D",
                               "colour": "E"}) == \
        "Unknown figures: colour. Use store, product, date, units, value, stock."
    chain = chain_create(actor=manager, code="BZR", name="Bazar Market")
    assert chain.column_map["units"] == "units_sold"
    with pytest.raises(DomainError) as exc:
        chain_update(chain=chain, actor=manager, column_map={"store": 1})
    assert exc.value.field == "column_map"
    with pytest.raises(DomainError):
        chain_create(actor=manager, code="BZR", name="Again")


def test_a_contract_is_created_as_draft_and_activated_with_sellable_products(manager):
    contract = draft(manager)
    assert contract.status == RetailContract.Status.DRAFT
    with pytest.raises(DomainError) as exc:
        contract_activate(contract=contract, actor=manager)
    assert exc.value.message == "List at least one product before activating the contract."
    product = ProductFactory(status="in_design", name_en="Fig jam", compliance=False)
    contract_item_add(contract=contract, product=product, actor=manager,
                      wholesale_price=Decimal("4.00"), shelf_price=Decimal("5.50"))
    with pytest.raises(DomainError) as exc:
        contract_activate(contract=contract, actor=manager)
    assert exc.value.message == "Fig jam is in design, not approved or listed."
    product.status = "approved"
    product.save()
    ComplianceDocument.objects.create(product=product, kind="food_safety", number="FS-1",
                                      issued_on=days(-400), expires_on=days(-1))
    with pytest.raises(DomainError) as exc:
        contract_activate(contract=contract, actor=manager)
    assert exc.value.message == ("Fig jam cannot be sold: Food-safety certificate FS-1 "
                                 f"expired on {days(-1):%d.%m.%Y}.")
    ComplianceDocument.objects.filter(number="FS-1").update(expires_on=days(200))
    contract_activate(contract=contract, actor=manager)
    contract.refresh_from_db()
    assert contract.status == RetailContract.Status.ACTIVE
    with pytest.raises(DomainError):
        contract_activate(contract=contract, actor=manager)


def test_period_and_terms_rules(manager):
    with pytest.raises(DomainError) as exc:
        draft(manager, starts_on=days(10), ends_on=days(9))
    assert exc.value.message == "A contract cannot end before it starts."
    contract = draft(manager)
    contract_update(contract=contract, actor=manager, margin_percent=Decimal("20"),
                    payment_days=45)
    contract.refresh_from_db()
    assert (contract.margin_percent, contract.payment_days) == (Decimal("20.00"), 45)
    listed(contract)
    contract_activate(contract=contract, actor=manager)
    with pytest.raises(DomainError) as exc:
        contract_update(contract=contract, actor=manager, margin_percent=Decimal("25"))
    assert exc.value.field == "margin_percent"
    contract_update(contract=contract, actor=manager, ends_on=days(400), notes="Extended")
    contract.refresh_from_db()
    assert contract.ends_on == days(400)
    ended = draft(manager, number="RC-OLD", starts_on=days(-100), ends_on=days(-1))
    listed(ended)
    with pytest.raises(DomainError) as exc:
        contract_activate(contract=ended, actor=manager)
    assert exc.value.message == (f"This contract ended on {days(-1):%d.%m.%Y}; it cannot be "
                                 "activated.")


def test_terminate_keeps_the_history_and_closes_the_contract(manager):
    contract = live_contract()
    listed(contract)
    with pytest.raises(DomainError) as exc:
        contract_terminate(contract=contract, actor=manager, reason="  ")
    assert exc.value.field == "reason"
    contract_terminate(contract=contract, actor=manager, reason="The chain closed its stores")
    contract.refresh_from_db()
    assert (contract.status, contract.terminated_on, contract.termination_reason) == (
        "terminated", today(), "The chain closed its stores")
    assert contract.items.count() == 1
    with pytest.raises(DomainError):
        contract_terminate(contract=contract, actor=manager, reason="again")
    with pytest.raises(DomainError) as exc:
        contract_item_add(contract=contract, product=ProductFactory(), actor=manager,
                          wholesale_price=1, shelf_price=2)
    assert exc.value.message == ("The products of an expired or terminated contract cannot "
                                 "change.")
    with pytest.raises(DomainError):
        contract_update(contract=contract, actor=manager, notes="late note")


def test_listed_product_prices(manager):
    contract = draft(manager)
    product = ProductFactory()
    for wholesale, shelf, message in (
        ("-1", "2", "A price cannot be negative."),
        ("5", "4.99", "The shelf price cannot be below the wholesale price."),
        ("5.001", "6", "Prices are in manat and qəpik (two decimals)."),
        ("abc", "6", "Enter an amount in manat."),
    ):
        with pytest.raises(DomainError) as exc:
            contract_item_add(contract=contract, product=product, actor=manager,
                              wholesale_price=wholesale, shelf_price=shelf)
        assert exc.value.message == message
    item = contract_item_add(contract=contract, product=product, actor=manager,
                             wholesale_price="0", shelf_price="0")
    assert (item.wholesale_price, item.shelf_price) == (Decimal("0"), Decimal("0"))
    with pytest.raises(DomainError):
        contract_item_add(contract=contract, product=product, actor=manager,
                          wholesale_price="1", shelf_price="1")
    item = contract_item_reprice(item=item, actor=manager, wholesale_price=Decimal("4.20"),
                                 shelf_price=Decimal("6.00"))
    item.refresh_from_db()
    assert (item.wholesale_price, item.shelf_price) == (Decimal("4.20"), Decimal("6.00"))


def test_an_active_contract_lists_only_sellable_products_and_keeps_delivered_ones(manager):
    contract = live_contract()
    store = StoreFactory(chain=contract.chain)
    first = listed(contract)
    with pytest.raises(DomainError) as exc:
        contract_item_add(contract=contract, product=ProductFactory(status="draft"),
                          actor=manager, wholesale_price=1, shelf_price=2)
    assert exc.value.field == "product"
    second = ProductFactory()
    contract_item_add(contract=contract, product=second, actor=manager, wholesale_price=1,
                      shelf_price=2)
    deliver(contract, store, (made(first), "5"))
    with pytest.raises(DomainError) as exc:
        contract_item_remove(item=contract.items.get(product=first), actor=manager)
    assert exc.value.message == (f"{first.name} was delivered or sold under this contract; "
                                 "it stays listed.")
    contract_item_remove(item=contract.items.get(product=second), actor=manager)
    assert list(contract.items.values_list("product", flat=True)) == [first.pk]
    lone = live_contract()
    listed(lone)
    with pytest.raises(DomainError) as exc:
        contract_item_remove(item=lone.items.get(), actor=manager)
    assert exc.value.message == "An active contract must list at least one product."
    assert ContractItem.objects.filter(contract=lone).count() == 1


def test_the_daily_job_expires_active_contracts_past_their_end(manager):
    past = live_contract(starts_on=days(-200), ends_on=days(-1))
    last_day = live_contract(starts_on=days(-200), ends_on=today())
    old_draft = live_contract(starts_on=days(-200), ends_on=days(-3), status="draft")
    assert contracts_expire() == 1
    assert contracts_expire() == 0
    statuses = dict(RetailContract.objects.values_list("pk", "status"))
    assert [statuses[c.pk] for c in (past, last_day, old_draft)] == ["expired", "active",
                                                                     "draft"]


def test_expiry_alert_goes_once_to_retail_staff_30_days_ahead(
        manager, django_capture_on_commit_callbacks):
    UserFactory(is_staff=True, email="other@abad.test")  # staff without the permission
    soon = live_contract(ends_on=days(30), number="RC-SOON")
    live_contract(ends_on=days(31), number="RC-LATER")
    live_contract(ends_on=days(10), number="RC-ENDED", status="terminated")
    with django_capture_on_commit_callbacks(execute=True):
        assert contract_expiry_alerts_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert contract_expiry_alerts_send() == 0
    notes = list(Notification.objects.values_list("kind", "recipient__email", "status"))
    assert notes == [("contract_expiring", "sales@abad.test", "sent")]
    assert [m.subject for m in mail.outbox] == [
        f"Contract RC-SOON with {soon.chain.name} ends on {days(30):%d.%m.%Y}"]
    assert f"/admin/abad/contracts/inspect/{soon.pk}/" in mail.outbox[0].body
    # extending the contract earns a new alert when the new end comes near
    contract_update(contract=soon, actor=manager, ends_on=days(20))
    with django_capture_on_commit_callbacks(execute=True):
        assert contract_expiry_alerts_send() == 1
    assert len(mail.outbox) == 2
