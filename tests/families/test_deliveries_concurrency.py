"""Lot stock under real concurrency: threads with their own connections committing for
real. SQLite serialises writers with IMMEDIATE transactions; PostgreSQL relies on the
conditional UPDATE (stock >= qty), which re-checks the row once the lock is free."""

from decimal import Decimal

import pytest

from core.errors import DomainError
from families.models import Delivery, DeliveryLine, ProductionLot
from tests.factories import UserFactory
from tests.factories.retail import deliver, retail_setup
from tests.families.test_concurrency import in_english, run_at_once, workers_for_database

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_ten_deliveries_of_30_from_a_lot_of_100_leave_exactly_three_and_10_in_stock():
    contract, store, product, lot = retail_setup(stock="100")
    users = [UserFactory() for _ in range(10)]
    attempts = [in_english(lambda user=user: deliver(contract, store, (lot, "30"), user=user))
                for user in users]
    outcomes = run_at_once(attempts, workers=workers_for_database(10))
    delivered = [o for o in outcomes if isinstance(o, Delivery)]
    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert (len(delivered), len(refusals)) == (3, 7), outcomes
    assert {r.message for r in refusals} == {
        f"Lot {lot.lot_code} has only 10 jars left; 30 were asked for."}
    assert ProductionLot.objects.get(pk=lot.pk).stock == Decimal("10")
    assert DeliveryLine.objects.filter(lot=lot).count() == 3
