"""The shared product and retail factories build consistent rows."""

from decimal import Decimal

import pytest
from django.utils import translation

from tests.factories.products import ContractItemFactory, StoreFactory, lot_of

pytestmark = pytest.mark.django_db


def test_a_lot_of_a_listed_product_is_in_stock_under_a_contract():
    item = ContractItemFactory()
    store = StoreFactory(chain=item.contract.chain)
    lot = lot_of(item.product, "40")
    with translation.override("az"):
        assert (lot.family, lot.product, lot.stock, lot.label) == (
            item.product.family, item.product, Decimal("40"), item.product.name_az)
    with translation.override("ru"):
        assert lot.label == item.product.name_ru
    assert (store.chain, item.product.brand.family) == (item.contract.chain, lot.family)
    failed = lot_of(item.product, "5", quality="failed")
    assert failed.stock == Decimal("0")
