"""The retail demo: two chains with stores in several regions, an active contract each,
deliveries from the demo's real lots (stock taken), one return; idempotent."""

import pytest

from core import demo as core_demo
from families import demo, demo_history, demo_products, demo_retail
from families.models import Delivery, ProductionLot, RetailChain, RetailContract, StoreReturn
from families.selectors.retail import reconciliation

pytestmark = pytest.mark.django_db


def test_the_retail_demo_loads_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    core_demo.seed()
    demo.seed()
    demo_products.seed()
    demo_history.seed()
    first = demo_retail.seed()
    second = demo_retail.seed()
    assert (first.chains, first.stores, first.contracts) == (2, 11, 2)
    # Two deliveries of each passed lot with a product (the history's and the last three
    # weeks'), on the two days after it was made, so over four months or more.
    lots = ProductionLot.objects.filter(quality="passed", product__isnull=False)
    assert first.deliveries == 2 * lots.count() and first.returns == 1
    assert 60 <= first.deliveries <= 90
    months = {day.replace(day=1) for day in Delivery.objects.values_list("delivered_on",
                                                                         flat=True)}
    assert len(months) >= 4
    assert str(second) == ("0 chains, 0 stores, 0 contracts (0 listed products), "
                           "0 deliveries, 0 returns")
    assert sorted(RetailChain.objects.values_list("name", flat=True)) == [
        "Bazar Market", "Yaşıl Səbət"]
    assert set(RetailContract.objects.values_list("status", flat=True)) == {"active"}
    regions = set(RetailChain.objects.get(code="YSB").stores.values_list("region", flat=True))
    assert len(regions) >= 4
    assert Delivery.objects.count() == first.deliveries
    assert StoreReturn.objects.get().lines.get().restocked is True
    for delivery in Delivery.objects.prefetch_related("lines__lot"):
        for line in delivery.lines.all():
            assert line.lot.quality == "passed" and line.lot.product_id == line.product_id
    assert not ProductionLot.objects.filter(stock__lt=0).exists()
    assert len(list(reconciliation())) >= first.deliveries // 2
