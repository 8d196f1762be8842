"""Production lots name a product on the technician's sheet: the family's products (not
discontinued) as a select; a family with products must choose one; a family without
any still describes the lot in words."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from families.models import ProductionLot, Shift, ShiftBooking
from families.services.sheet import lot_log
from tests.factories import UserFactory
from tests.factories.families import LineFactory, booked, family_member
from tests.factories.products import BrandFactory, ProductFactory
from tests.families.helpers import query_count, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def technician():
    user = UserFactory(is_staff=True, preferred_language="en")
    user.groups.add(Group.objects.get(name="Factory technicians"))
    return user


@pytest.fixture
def todays_shift(technician):
    now = timezone.localtime()
    # started half an hour ago, but today in Baku even just after midnight
    starts = max(now - datetime.timedelta(minutes=30),
                 now.replace(hour=0, minute=0, second=0, microsecond=0))
    return Shift.objects.create(
        line=LineFactory(output_unit="jar", workstations=4),
        starts_at=starts,
        ends_at=now + datetime.timedelta(hours=4), week_start=now.date(), capacity=4,
        technician=technician)


def arrived(shift):
    family, member = family_member()
    return booked(shift, family, member, status=ShiftBooking.Status.CHECKED_IN)


def test_the_sheet_offers_the_familys_products(client, technician, todays_shift):
    booking = arrived(todays_shift)
    brand = BrandFactory(family=booking.family)
    jam = ProductFactory(compliance=False, brand=brand, name_en="Quince jam", status="listed")
    ProductFactory(compliance=False, brand=brand, name_en="Old jam", status="discontinued")
    ProductFactory(compliance=False, name_en="Someone else's jam")
    client.force_login(technician)
    sheet = reverse("families_admin:sheet", args=[todays_shift.pk])
    page = soup(client.get(sheet))
    prefix = f"lot-{booking.pk}-"
    options = page.select(f"select[name='{prefix}product'] option")
    assert [o.get_text() for o in options] == ["---------", "Quince jam"]
    assert page.select_one(f"input[name='{prefix}description']") is None
    data = {"booking": booking.pk, "action": "lot", prefix + "quantity": "24",
            prefix + "unit": "jar", prefix + "lot_code": "q-1", prefix + "quality": "passed",
            prefix + "sign_off": "on"}
    assert client.post(sheet, data).status_code == 400
    client.post(sheet, {**data, prefix + "product": str(jam.pk)})
    lot = ProductionLot.objects.get()
    assert (lot.product, lot.lot_code, lot.quantity, lot.stock) == (
        jam, "Q-1", Decimal("24"), Decimal("24"))
    page = soup(client.get(sheet))
    assert page.select_one(f"#sheet-booking-{booking.pk} .sheet-lots li").get_text(
        " ", strip=True) == "Q-1 Quince jam — 24 jars · Passed"


def test_lot_log_requires_a_product_when_the_family_has_one(technician, todays_shift):
    booking = arrived(todays_shift)
    jam = ProductFactory(
        compliance=False, brand=BrandFactory(family=booking.family), status="discontinued")
    fields = {"quantity": "5", "unit": "jar", "quality": "passed"}
    with pytest.raises(DomainError) as info:
        lot_log(booking=booking, actor=technician, description="Jam", lot_code="A-1", **fields)
    assert (info.value.field, info.value.message) == (
        "product", "Choose which of the family's products was made.")
    with pytest.raises(DomainError) as info:
        lot_log(booking=booking, actor=technician, product=jam, lot_code="A-1", **fields)
    assert info.value.message == f"{jam.name} is discontinued."
    with pytest.raises(DomainError) as info:
        lot_log(booking=booking, actor=technician, product=ProductFactory(),
                lot_code="A-1",
                **fields)
    assert info.value.message == "Choose one of this family's products."
    assert ProductionLot.objects.count() == 0


def test_the_sheet_with_products_runs_constant_queries(client, technician, todays_shift):
    client.force_login(technician)
    sheet = reverse("families_admin:sheet", args=[todays_shift.pk])

    def add(n):
        for _ in range(n):
            booking = arrived(todays_shift)
            product = ProductFactory(compliance=False, brand=BrandFactory(family=booking.family))
            ProductFactory(compliance=False, brand=product.brand)
            ProductionLot.objects.create(
                shift=todays_shift, booking=booking, family=booking.family, product=product,
                quantity=5, unit="jar", lot_code=f"N1-{booking.pk}", quality="passed",
                stock=5, signed_off_by=technician, signed_off_at=timezone.now())

    add(1)
    one = query_count(lambda: client.get(sheet))
    add(3)
    assert query_count(lambda: client.get(sheet)) == one
