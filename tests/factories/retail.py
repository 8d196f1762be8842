"""Retail set-ups for the contract, delivery, return and reconciliation tests: an
active contract around today with listed products, deliveries written through the
service, and imported sales rows written directly (fam-sales owns the import)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from families.models import ProductionLot, SalesImport, SalesRecord
from families.services.deliveries import delivery_create
from tests.factories.core import UserFactory
from tests.factories.products import (
    ContractFactory,
    ContractItemFactory,
    ProductFactory,
    StoreFactory,
    lot_of,
)


def today():
    return timezone.localdate()


def days(offset):
    return today() + datetime.timedelta(days=offset)


def live_contract(chain=None, **kwargs):
    """An active contract that started 60 days ago and ends in 300 days."""
    kwargs.setdefault("starts_on", days(-60))
    kwargs.setdefault("ends_on", days(300))
    if chain is not None:
        kwargs["chain"] = chain
    return ContractFactory(**kwargs)


def listed(contract, product=None, wholesale="5.00", shelf="7.00", **product_kwargs):
    product = product or ProductFactory(**product_kwargs)
    ContractItemFactory(contract=contract, product=product, wholesale_price=Decimal(wholesale),
                        shelf_price=Decimal(shelf))
    return product


def made(product, quantity="100", **kwargs):
    """A passed lot of `product` produced on a past day of its own (a lot cannot be
    delivered before it was made)."""
    kwargs.setdefault("produced", days(-40 - ProductionLot.objects.count()))
    return lot_of(product, Decimal(quantity), **kwargs)


def retail_setup(stock="100", **product_kwargs):
    """A chain with a store, an active contract listing one product, and a lot of it."""
    contract = live_contract()
    store = StoreFactory(chain=contract.chain)
    product = listed(contract, **product_kwargs)
    lot = made(product, stock)
    return contract, store, product, lot


def deliver(contract, store, *lines, on=None, user=None):
    return delivery_create(contract=contract, store=store, delivered_on=on or days(-10),
                           lines=[(lot.product, lot, Decimal(q)) for lot, q in lines],
                           created_by=user or UserFactory())


def sales_import(chain, start=None, end=None):
    start = start or days(-30)
    return SalesImport.objects.create(chain=chain, period_start=start, period_end=end or today(),
                                      file="sales/x.csv", original_name="x.csv", sha256="0" * 64,
                                      status=SalesImport.Status.IMPORTED)


def sale(imported, store, item, sold_on, units, stock=None, row=1):
    return SalesRecord.objects.create(
        sales_import=imported, chain=store.chain, store=store, product=item.product,
        family=item.product.family, contract_item=item, sold_on=sold_on,
        units=Decimal(units), value=Decimal(units) * item.shelf_price,
        stock_on_hand=None if stock is None else Decimal(stock), row_number=row)
