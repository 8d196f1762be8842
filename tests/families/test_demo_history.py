"""The demo's production history: about four months of past shifts of the families with
listed products, checked in, one signed-off lot each (two failed); the database's rules
hold (shift counters, no overlapping bookings, unique lot codes); idempotent."""

import datetime
from collections import defaultdict

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from core import demo as core_demo
from families import demo, demo_history, demo_products
from families.models import Product, ProductionLot, Shift, ShiftBooking

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    core_demo.seed()
    demo.seed()
    demo_products.seed()
    return demo_history.seed()


def test_history_days_are_working_days_two_weeks_apart():
    today = datetime.date(2026, 12, 4)
    days = demo_history.history_days(today, 0)
    assert days[0] == datetime.date(2026, 8, 4)  # 122 days before
    assert days[-1] == datetime.date(2026, 11, 10)
    assert len(days) == 8
    assert all(day.weekday() < 5 for day in days)
    # Saturday 2026-08-08 moves to the Monday.
    assert demo_history.history_days(today, 4)[0] == datetime.date(2026, 8, 10)


def test_the_history_loads_once(history):
    today = timezone.localdate()
    expected = sum(len(demo_history.history_days(today, 2 * i))
                   for i in range(len(demo_history.HISTORY)))
    assert 5 * 7 <= expected <= 5 * 8
    assert (history.shifts, history.bookings, history.lots, history.failed) == (
        expected, expected, expected, 2)
    assert str(demo_history.seed()) == "0 past shifts, 0 bookings, 0 lots (0 failed)"

    lots = ProductionLot.objects.filter(lot_code__startswith="HIST-").select_related(
        "product", "booking", "shift")
    assert lots.count() == expected
    per_family = defaultdict(set)
    for lot in lots:
        assert lot.product.family_id == lot.family_id == lot.booking.family_id
        assert lot.shift_id == lot.booking.shift_id
        assert lot.booking.status == "checked_in"
        assert lot.stock == (0 if lot.quality == "failed" else lot.quantity)
        assert lot.lot_code == f"HIST-{lot.product.code[5:]}-{lot.shift.starts_at:%Y%m%d}"
        per_family[lot.product.code].add(timezone.localdate(lot.shift.starts_at).replace(
            day=1))
    assert sorted(per_family) == ["DEMO-CARPET-QIMIL", "DEMO-CHEESE-MOTAL",
                                  "DEMO-HAZEL-ROAST", "DEMO-JAM-QUINCE", "DEMO-TEA-BLACK"]
    # 84 to 98 days of shifts each: three or four calendar months, four together.
    assert all(len(months) >= 3 for months in per_family.values())
    assert len(set().union(*per_family.values())) >= 4
    assert sorted(lots.filter(quality="failed").values_list("product__code", flat=True)) == [
        "DEMO-CHEESE-MOTAL", "DEMO-HAZEL-ROAST"]
    # Several listed products with passed lots, of at least three families.
    listed = Product.objects.filter(status="listed", lots__quality="passed").distinct()
    assert listed.count() == 5
    assert listed.values("family").distinct().count() == 5


def test_the_history_keeps_the_booking_rules(history):
    active = Q(bookings__status__in=ShiftBooking.ACTIVE)
    for shift in Shift.objects.annotate(active=Count("bookings", filter=active)):
        assert shift.booked_count == shift.active, shift
        assert shift.week_start == timezone.localdate(shift.starts_at) - datetime.timedelta(
            days=timezone.localdate(shift.starts_at).weekday())
    by_family = defaultdict(list)
    for family_id, starts, ends in ShiftBooking.objects.filter(
            status__in=ShiftBooking.ACTIVE).values_list("family", "starts_at", "ends_at"):
        by_family[family_id].append((starts, ends))
    for spans in by_family.values():
        spans.sort()
        for (_s1, e1), (s2, _e2) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2
