"""Factories for what families sell: brands, products, lots with stock, chains, stores,
contracts with listed products. Shared by the product, retail and sales tests."""

import datetime
from decimal import Decimal

import factory as fb
from django.utils import timezone

from families.models import (
    Brand,
    ComplianceDocument,
    ContractItem,
    Product,
    ProductionLot,
    RetailChain,
    RetailContract,
    ShiftBooking,
    Store,
)
from tests.factories.core import UserFactory
from tests.factories.families import FamilyFactory, ShiftFactory, booked, next_monday


class BrandFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = Brand

    family = fb.SubFactory(FamilyFactory)
    name = fb.Sequence(lambda n: f"Nənəmin bağı {n}")
    story = "Üç nəsildir Qubada mürəbbə bişiririk."


class ProductFactory(fb.django.DjangoModelFactory):
    """A 450 g jar of quince jam, listed, with 365 days of shelf life."""

    class Meta:
        model = Product
        skip_postgeneration_save = True  # the hook writes its own rows, not the product

    brand = fb.SubFactory(BrandFactory)
    family = fb.LazyAttribute(lambda o: o.brand.family)
    code = fb.Sequence(lambda n: f"ABAD-{n:05d}")
    category = "jam"
    name_az = fb.Sequence(lambda n: f"Heyva mürəbbəsi {n}")
    name_en = fb.Sequence(lambda n: f"Quince jam {n}")
    name_ru = fb.Sequence(lambda n: f"Айвовое варенье {n}")
    ingredients = "heyva, şəkər, limon turşusu"
    net_quantity = Decimal("450")
    net_unit = "g"
    shelf_life_days = 365
    recommended_price = Decimal("6.50")
    status = Product.Status.LISTED

    @fb.post_generation
    def compliance(self, create, extracted, **kwargs):
        """A listed food product needs a valid food-safety certificate to be sold; give it
        one valid through 2030 (pass compliance=False for a product without)."""
        if create and extracted is not False and self.is_food:
            ComplianceDocument.objects.create(
                product=self, kind=ComplianceDocument.Kind.FOOD_SAFETY,
                number=f"AQTA-{self.pk}", issued_on=datetime.date(2025, 1, 1),
                expires_on=datetime.date(2030, 12, 31))


def lot_of(product, quantity=Decimal("100"), *, code=None, quality="passed",
           produced=None, unit="jar"):
    """A signed-off production lot of `product` (test set-up written directly, with a
    checked-in booking on a shift of its own), in stock if it passed."""
    if produced is None:  # a day of its own, so a family's bookings never overlap
        produced = next_monday() + datetime.timedelta(days=ProductionLot.objects.count())
    starts = timezone.make_aware(datetime.datetime.combine(produced, datetime.time(8)))
    shift = ShiftFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=5))
    booking = booked(shift, product.family, status=ShiftBooking.Status.CHECKED_IN)
    quantity = Decimal(quantity)
    return ProductionLot.objects.create(
        shift=shift, booking=booking, family=product.family, product=product,
        quantity=quantity, unit=unit,
        lot_code=code or f"L{product.pk}-{ProductionLot.objects.count() + 1}",
        quality=quality, quality_note="" if quality == "passed" else "Qapaqlar açıq",
        stock=quantity if quality == "passed" else Decimal(0),
        signed_off_by=UserFactory(), signed_off_at=shift.ends_at,
    )


class ChainFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = RetailChain

    code = fb.Sequence(lambda n: f"CH{n}")
    name = fb.Sequence(lambda n: f"Market zənciri {n}")


class StoreFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = Store

    chain = fb.SubFactory(ChainFactory)
    code = fb.Sequence(lambda n: f"S{n:03d}")
    name = fb.Sequence(lambda n: f"Mağaza {n}")
    address = "Nizami küç. 10, Bakı"
    region = "baku"


class ContractFactory(fb.django.DjangoModelFactory):
    """An active consignment contract for 2026 with a 20 % chain margin."""

    class Meta:
        model = RetailContract

    chain = fb.SubFactory(ChainFactory)
    number = fb.Sequence(lambda n: f"ABAD-RC-{n:04d}")
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)
    status = RetailContract.Status.ACTIVE
    terms = RetailContract.Terms.CONSIGNMENT
    margin_percent = Decimal("20.00")
    payment_days = 30


class ContractItemFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = ContractItem

    contract = fb.SubFactory(ContractFactory)
    product = fb.SubFactory(ProductFactory)
    wholesale_price = Decimal("5.00")
    shelf_price = Decimal("7.00")
