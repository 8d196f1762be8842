"""GTINs under real concurrency: staff assigning at once from one range never get the
same number, and the range stops at its last item (conditional UPDATE, constraint)."""

from collections import Counter

import pytest

from core.errors import DomainError
from families.models import GtinRange, Product
from families.services.products import product_assign_gtin
from tests.factories.core import UserFactory
from tests.factories.fam_products import GtinRangeFactory
from tests.factories.products import ProductFactory
from tests.families.test_concurrency import in_english, run_at_once, workers_for_database

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_concurrent_assignments_get_distinct_numbers_until_the_range_ends():
    gtin_range = GtinRangeFactory(prefix="476000100", next_item=0, last_item=11)
    staff = UserFactory()
    products = [ProductFactory(gtin=None) for _ in range(16)]

    def assign(product):
        return in_english(lambda: product_assign_gtin(product=product, actor=staff,
                                                      gtin_range=gtin_range))

    outcomes = run_at_once([assign(p) for p in products], workers=workers_for_database(16))
    kinds = Counter(type(o).__name__ for o in outcomes)
    assert kinds == Counter({"Product": 12, "DomainError": 4})
    assert all(isinstance(o, (Product, DomainError)) for o in outcomes)
    gtins = sorted(Product.objects.exclude(gtin=None).values_list("gtin", flat=True))
    assert len(gtins) == len(set(gtins)) == 12
    assert [g[9:12] for g in gtins] == [f"{i:03d}" for i in range(12)]
    assert GtinRange.objects.get().next_item == 12
