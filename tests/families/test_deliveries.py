"""Deliveries and returns: the rules a delivery checks, stock taken all or nothing,
cancelling restores the stock, and what may come back from a store (and whether it goes
back into stock)."""

from decimal import Decimal

import pytest

from core.errors import DomainError
from families.models import ComplianceDocument, Delivery, ProductionLot, ReturnLine
from families.services.deliveries import delivery_cancel, store_return_create
from tests.factories import UserFactory
from tests.factories.products import ProductFactory, StoreFactory
from tests.factories.retail import days, deliver, listed, live_contract, made, retail_setup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def stock(lot):
    return ProductionLot.objects.get(pk=lot.pk).stock


def refused(fn, *args, **kwargs):
    with pytest.raises(DomainError) as exc:
        fn(*args, **kwargs)
    return exc.value.message


def test_a_delivery_takes_stock_and_gets_a_number():
    contract, store, product, lot = retail_setup(stock="100")
    delivery = deliver(contract, store, (lot, "30"), (lot, "12.5"))
    assert delivery.number == f"DN-{days(-10):%Y}-{delivery.pk:06d}"
    assert stock(lot) == Decimal("57.5")
    assert list(delivery.lines.values_list("quantity", flat=True)) == [Decimal("30"),
                                                                       Decimal("12.5")]


def test_too_much_is_refused_with_what_is_left_and_nothing_is_taken():
    contract, store, product, lot = retail_setup(stock="100")
    other = made(product, "50")
    message = refused(deliver, contract, store, (other, "20"), (lot, "101"))
    assert message == f"Lot {lot.lot_code} has only 100 jars left; 101 were asked for."
    assert (stock(lot), stock(other)) == (Decimal("100"), Decimal("50"))
    assert Delivery.objects.count() == 0


def test_the_store_must_be_of_the_contracts_chain_and_the_contract_in_force():
    contract, store, product, lot = retail_setup()
    assert refused(deliver, contract, StoreFactory(), (lot, "1")).endswith(
        f"is not a store of {contract.chain.name}.")
    assert refused(deliver, contract, store, (lot, "1"), on=days(-61)) == (
        f"Contract {contract.number} is not in force on {days(-61):%d.%m.%Y}.")
    assert refused(deliver, contract, store, (lot, "1"), on=days(1)) == (
        "A delivery is recorded once it has happened; the date is in the future.")
    closed = StoreFactory(chain=contract.chain, active=False, name="Old", code="OLD")
    assert refused(deliver, contract, closed, (lot, "1")) == (
        "Old (OLD) is closed; it takes no deliveries.")
    contract.status = "terminated"
    contract.save()
    assert refused(deliver, contract, store, (lot, "1")).startswith("Contract ")
    assert stock(lot) == Decimal("100")


def test_only_listed_products_from_passed_lots_of_that_product():
    contract, store, product, lot = retail_setup()
    unlisted = ProductFactory(name_en="Cornel jam")
    assert refused(deliver, contract, store, (made(unlisted), "1")) == (
        f"Cornel jam is not listed under contract {contract.number}.")
    failed = made(product, "10", quality="failed")
    assert refused(deliver, contract, store, (failed, "1")) == (
        f"Lot {failed.lot_code} did not pass its quality check.")
    second = listed(contract, name_en="Walnut jam")
    from families.services.deliveries import delivery_create

    message = refused(delivery_create, contract=contract, store=store, delivered_on=days(-5),
                      lines=[(second, lot, Decimal(1))], created_by=UserFactory())
    assert message == f"Lot {lot.lot_code} is not of Walnut jam."
    assert refused(deliver, contract, store, (lot, "0")) == "Each quantity must be more than zero."
    assert refused(deliver, contract, store) == "A delivery needs at least one line."
    late = made(product, "5", produced=days(-2))
    assert refused(deliver, contract, store, (late, "1"), on=days(-3)) == (
        f"Lot {late.lot_code} was produced after {days(-3):%d.%m.%Y}.")


def test_an_expired_compliance_document_blocks_the_delivery():
    contract, store, product, lot = retail_setup(name_en="Quince jam", compliance=False)
    ComplianceDocument.objects.create(product=product, kind="food_safety", number="FS-9",
                                      issued_on=days(-400), expires_on=days(-8))
    deliver(contract, store, (lot, "5"), on=days(-8))  # still valid on its last day
    assert refused(deliver, contract, store, (lot, "5"), on=days(-7)) == (
        "Quince jam cannot be sold: Food-safety certificate FS-9 expired on "
        f"{days(-8):%d.%m.%Y}.")
    assert stock(lot) == Decimal("95")


def test_cancel_restores_the_stock_and_keeps_the_lines():
    contract, store, product, lot = retail_setup(stock="40")
    delivery = deliver(contract, store, (lot, "25"))
    user = UserFactory()
    assert refused(delivery_cancel, delivery=delivery, actor=user, reason="") == (
        "Say why the delivery is cancelled.")
    delivery_cancel(delivery=delivery, actor=user, reason="Truck broke down")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.cancel_reason, stock(lot)) == (
        "cancelled", "Truck broke down", Decimal("40"))
    assert delivery.lines.count() == 1
    assert refused(delivery_cancel, delivery=delivery, actor=user, reason="again") == (
        "This delivery is cancelled already.")
    assert stock(lot) == Decimal("40")


def test_returns_are_limited_to_what_the_store_got_from_the_lot():
    contract, store, product, lot = retail_setup(stock="100")
    other_store = StoreFactory(chain=contract.chain)
    deliver(contract, store, (lot, "20"))
    deliver(contract, store, (lot, "10"))
    deliver(contract, other_store, (lot, "40"))
    user = UserFactory()

    def back(qty, reason="damaged", where=store):
        return store_return_create(contract=contract, store=where, returned_on=days(-1),
                                   reason=reason, lines=[(product, lot, Decimal(qty))],
                                   created_by=user)

    assert refused(back, "31") == (f"Only 30 of lot {lot.lot_code} can come back from "
                                   f"{store.name}: that is what was delivered there and not "
                                   "returned yet.")
    back("12")
    assert refused(back, "18.5").startswith("Only 18 of lot")
    back("18")
    assert refused(back, "1").startswith("Only 0 of lot")
    assert stock(lot) == Decimal("30")  # damaged goods do not go back
    never = made(product, "10")
    with pytest.raises(DomainError):
        store_return_create(contract=contract, store=store, returned_on=days(-1),
                            reason="unsold", lines=[(product, never, Decimal(1))],
                            created_by=user)


def test_a_delivery_with_returns_beyond_the_rest_cannot_be_cancelled():
    contract, store, product, lot = retail_setup(stock="100")
    first = deliver(contract, store, (lot, "20"))
    second = deliver(contract, store, (lot, "5"))
    store_return_create(contract=contract, store=store, returned_on=days(-1), reason="damaged",
                        lines=[(product, lot, Decimal("8"))], created_by=UserFactory())
    assert refused(delivery_cancel, delivery=first, actor=UserFactory(), reason="x") == (
        f"Goods of lot {lot.lot_code} from this delivery were returned already; it cannot "
        "be cancelled.")
    delivery_cancel(delivery=second, actor=UserFactory(), reason="never left")
    assert stock(lot) == Decimal("80")


def test_unsold_goods_within_best_before_go_back_into_stock_others_do_not():
    contract = live_contract()
    store = StoreFactory(chain=contract.chain)
    fresh_product = listed(contract, shelf_life_days=365)
    stale_product = listed(contract, shelf_life_days=30)
    craft = listed(contract, shelf_life_days=None, category="carpet")
    fresh = made(fresh_product, "50", produced=days(-50))
    stale = made(stale_product, "50", produced=days(-45))
    rug = made(craft, "5", produced=days(-44))
    deliver(contract, store, (fresh, "20"), (stale, "20"), (rug, "2"), on=days(-20))
    ret = store_return_create(
        contract=contract, store=store, returned_on=days(-1), reason="unsold",
        lines=[(fresh_product, fresh, Decimal(6)), (stale_product, stale, Decimal(4)),
               (craft, rug, Decimal(1))], created_by=UserFactory())
    assert list(ReturnLine.objects.filter(store_return=ret).order_by("pk")
                .values_list("lot__lot_code", "restocked")) == [
        (fresh.lot_code, True), (stale.lot_code, False), (rug.lot_code, True)]
    assert (stock(fresh), stock(stale), stock(rug)) == (Decimal(36), Decimal(30), Decimal(4))
    store_return_create(contract=contract, store=store, returned_on=days(-1), reason="recall",
                        lines=[(fresh_product, fresh, Decimal(2))], created_by=UserFactory())
    assert stock(fresh) == Decimal(36)
