"""Set-up for the sales tests: a chain with stores and listed products, reports as
bytes, uploads through the service."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.test import TestCase

from tests.factories.products import (
    ChainFactory,
    ContractFactory,
    ContractItemFactory,
    ProductFactory,
    StoreFactory,
)

JAN = (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
HEADER = "store_code;gtin;date;units_sold;sales_value;stock_on_hand"


def ean13(twelve):
    digits = [int(d) for d in twelve]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return twelve + str((10 - total % 10) % 10)


def listed(contract, *, gtin=None, shelf_price="7.00", family=None, **kwargs):
    """A product of `family` listed under `contract` at `shelf_price`."""
    extra = {"brand__family": family} if family is not None else {}
    product = ProductFactory(gtin=gtin, **extra, **kwargs)
    ContractItemFactory(contract=contract, product=product, shelf_price=Decimal(shelf_price))
    return product


def sales_setup(**chain_kwargs):
    """Chain BAZAR with stores B001 and B002 (Baku) and one active 2026 contract (20 %
    margin) listing two products: jam (GTIN 4760000000017, 7.00 ₼) and cheese
    (GTIN 4760000000024, 12.50 ₼), of the same family."""
    chain = ChainFactory(code="BAZAR", name="Bazar Store", **chain_kwargs)
    stores = [StoreFactory(chain=chain, code="B001", name="Bazar Nizami"),
              StoreFactory(chain=chain, code="B002", name="Bazar Gənclik")]
    contract = ContractFactory(chain=chain, margin_percent=Decimal("20.00"))
    jam = listed(contract, gtin=ean13("476000000001"), shelf_price="7.00", code="JAM-1")
    cheese = listed(contract, gtin=ean13("476000000002"), shelf_price="12.50",
                    code="CHEESE-1", family=jam.family)
    return {"chain": chain, "stores": stores, "contract": contract, "jam": jam,
            "cheese": cheese, "family": jam.family}


def report(*lines, header=HEADER, encoding="utf-8"):
    return ("\n".join([header, *lines]) + "\n").encode(encoding)


def jobs(fn, **kwargs):
    """Call a service and run the jobs it enqueued on commit (eager Celery), as the
    embedded mode does after a real commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return fn(**kwargs)


def upload(chain, data, *, name="report.csv", period=JAN, user=None):
    from families.services.sales import sales_import_upload

    return jobs(sales_import_upload, chain=chain, period_start=period[0],
                period_end=period[1], file=ContentFile(data, name=name), user=user)


def commit(sales_import, actor=None):
    from families.services.sales import sales_import_commit_request

    jobs(sales_import_commit_request, sales_import=sales_import, actor=actor)
    sales_import.refresh_from_db()
    return sales_import


def sale(item, store, *, sold_on, units, value, sales_import=None):
    """A SalesRecord written directly (set-up for statements and reports), in an
    imported SalesImport of the item's chain for the month."""
    from families.models import SalesImport, SalesRecord

    chain = item.contract.chain
    if sales_import is None:
        first = sold_on.replace(day=1)
        sales_import, _created = SalesImport.objects.get_or_create(
            chain=chain, period_start=first, period_end=first + datetime.timedelta(days=27),
            status="imported", defaults={"original_name": "set-up.csv", "sha256": "0" * 64})
    return SalesRecord.objects.create(
        sales_import=sales_import, chain=chain, store=store, product=item.product,
        family=item.product.family, contract_item=item, sold_on=sold_on,
        units=Decimal(units), value=Decimal(value),
        row_number=SalesRecord.objects.filter(sales_import=sales_import).count() + 2)
