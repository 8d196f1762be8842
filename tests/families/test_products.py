"""Brands and products: creation, the status life, GTIN assignment, photos, compliance
documents and the selling rule, and the 30-day expiry warnings."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from core.errors import DomainError
from families.models import ComplianceDocument, Notification, Product
from families.services.products import (
    brand_create,
    compliance_document_add,
    compliance_warnings_send,
    product_assign_gtin,
    product_create,
    product_photo_add,
    product_sellable_problem,
    product_set_status,
    product_update,
)
from tests.factories.core import UserFactory
from tests.factories.fam_products import (
    ComplianceDocumentFactory,
    GtinRangeFactory,
    junk_upload,
    pdf_upload,
    png_upload,
)
from tests.factories.families import FamilyFactory, family_member
from tests.factories.products import BrandFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def staff():
    return UserFactory()


def new_product(family, brand, staff, **overrides):
    fields = {"category": "jam", "name_az": "Heyva mürəbbəsi", "name_en": "Quince jam",
              "net_quantity": Decimal("450"), "net_unit": "g", "shelf_life_days": 365,
              "recommended_price": Decimal("6.50"), "ingredients": "heyva, şəkər"}
    fields.update(overrides)
    return product_create(family=family, actor=staff, brand=brand, **fields)


def test_a_brand_and_a_product_are_created_in_draft(staff):
    family = FamilyFactory()
    brand = brand_create(family=family, actor=staff, name=" Nənəmin bağı ",
                         primary_colour="#aa3300")
    product = new_product(family, brand, staff)
    assert (brand.name, product.status, product.code, product.family, product.gtin) == (
        "Nənəmin bağı", "draft", f"ABAD-{family.pk}-001", family, None)
    assert list(ModelLogEntry.objects.filter(action="wagtail.create")
                .values_list("label", flat=True).order_by("pk")) == [
        "Nənəmin bağı", "Quince jam"]
    with pytest.raises(DomainError) as info:
        brand_create(family=family, actor=staff, name="Nənəmin bağı")
    assert info.value.field == "name"


def test_a_product_is_refused_another_familys_brand_and_bad_fields(staff):
    family = FamilyFactory()
    with pytest.raises(DomainError) as info:
        new_product(family, BrandFactory(), staff)
    assert (info.value.field, info.value.message) == (
        "brand", "Choose one of this family's brands.")
    brand = BrandFactory(family=family)
    with pytest.raises(DomainError) as info:
        new_product(family, brand, staff, net_quantity=Decimal("0"))
    assert info.value.field == "net_quantity"
    product = new_product(family, brand, staff)
    with pytest.raises(DomainError) as info:
        product_update(product=product, actor=staff, brand=BrandFactory())
    assert info.value.field == "brand"
    product_update(product=product, actor=staff, name_ru="Айвовое варенье")
    product.refresh_from_db()
    assert product.name_ru == "Айвовое варенье"


def test_status_moves_along_its_life_only(staff):
    product = ProductFactory(compliance=False, status="draft", gtin="4006381333931")
    ComplianceDocumentFactory(product=product)
    with pytest.raises(DomainError) as info:
        product_set_status(product=product, actor=staff, status="listed", today=TODAY)
    assert info.value.message == "A product cannot go from draft to listed."
    for status in ("in_design", "approved", "listed", "discontinued"):
        product = product_set_status(product=product, actor=staff, status=status, today=TODAY)
        assert product.status == status
    assert [e.data for e in ModelLogEntry.objects.filter(action="yuva.product_status")
            .order_by("pk")] == [
        {"from": "draft", "to": "in_design"}, {"from": "in_design", "to": "approved"},
        {"from": "approved", "to": "listed"}, {"from": "listed", "to": "discontinued"}]


def test_listing_needs_a_gtin(staff):
    product = ProductFactory(compliance=False, status="approved", gtin=None)
    ComplianceDocumentFactory(product=product)
    with pytest.raises(DomainError) as info:
        product_set_status(product=product, actor=staff, status="listed", today=TODAY)
    assert info.value.message == "Give the product a GTIN before listing it."


def test_an_expired_document_blocks_listing_and_selling(staff):
    product = ProductFactory(compliance=False, status="approved", gtin="4006381333931")
    ComplianceDocumentFactory(product=product, number="AQTA-1",
                              issued_on=datetime.date(2025, 1, 1),
                              expires_on=datetime.date(2026, 5, 31))
    with pytest.raises(DomainError) as info:
        product_set_status(product=product, actor=staff, status="listed", today=TODAY)
    assert info.value.message == (
        "The product cannot be listed: Food-safety certificate AQTA-1 expired on 31.05.2026.")
    assert product_sellable_problem(product, TODAY) == (
        "Food-safety certificate AQTA-1 expired on 31.05.2026.")
    assert product_sellable_problem(product, datetime.date(2026, 5, 31)) is None
    # A renewed certificate replaces the expired one.
    ComplianceDocumentFactory(product=product, number="AQTA-2",
                              issued_on=datetime.date(2026, 5, 20),
                              expires_on=datetime.date(2027, 5, 31))
    assert product_sellable_problem(product, TODAY) is None
    product_set_status(product=product, actor=staff, status="listed", today=TODAY)
    product.refresh_from_db()
    assert product.status == "listed"


def test_food_needs_a_food_safety_certificate_crafts_do_not(staff):
    jam = ProductFactory(compliance=False, status="approved", gtin="4006381333931")
    assert product_sellable_problem(jam, TODAY) == (
        "A food product needs a valid food-safety certificate.")
    ComplianceDocumentFactory(product=jam, kind="licence")
    assert product_sellable_problem(jam, TODAY) == (
        "A food product needs a valid food-safety certificate.")
    carpet = ProductFactory(status="listed", category="carpet", shelf_life_days=None)
    assert product_sellable_problem(carpet, TODAY) is None


def test_only_approved_or_listed_products_are_sellable():
    for status, expected in (("draft", "draft"), ("in_design", "in design"),
                             ("discontinued", "discontinued")):
        product = ProductFactory(compliance=False, status=status, category="carpet")
        assert product_sellable_problem(product, TODAY) == (
            f"{product.name} is {expected}, not approved or listed.")


def test_gtin_from_the_range_or_typed_and_unique(staff):
    gtin_range = GtinRangeFactory(prefix="476000100", next_item=5, last_item=5)
    first = product_assign_gtin(product=ProductFactory(compliance=False, gtin=None), actor=staff,
                                gtin_range=gtin_range)
    assert first.gtin == "4760001000053"
    with pytest.raises(DomainError) as info:
        product_assign_gtin(product=ProductFactory(compliance=False, gtin=None), actor=staff,
                            gtin_range=gtin_range)
    assert info.value.message == "The GTIN range ABAD (476000100) is used up: add a new range."
    with pytest.raises(DomainError) as info:
        product_assign_gtin(product=first, actor=staff, gtin="4006381333931")
    assert info.value.message == "This product already has GTIN 4760001000053."
    typed = product_assign_gtin(product=ProductFactory(compliance=False, gtin=None), actor=staff,
                                gtin="4006381333931")
    assert typed.gtin == "4006381333931"
    with pytest.raises(DomainError) as info:
        product_assign_gtin(product=ProductFactory(compliance=False, gtin=None), actor=staff,
                            gtin="4006381333931")
    assert info.value.message == "GTIN 4006381333931 is already used by another product."
    with pytest.raises(DomainError) as info:
        product_assign_gtin(product=ProductFactory(compliance=False, gtin=None), actor=staff,
                            gtin="4006381333930")
    assert info.value.message == "The check digit of this GTIN is wrong: it should end in 1."


def test_compliance_documents_are_checked_by_content(staff):
    product = ProductFactory(compliance=False)
    document = compliance_document_add(
        product=product, actor=staff, kind="food_safety", number=" AQTA-77 ",
        issued_on=datetime.date(2026, 1, 1), expires_on=datetime.date(2026, 12, 31),
        file=pdf_upload())
    assert (document.number, document.file.name.endswith(".pdf")) == ("AQTA-77", True)
    with pytest.raises(DomainError) as info:
        compliance_document_add(product=product, actor=staff, kind="food_safety",
                                number="X", issued_on=datetime.date(2026, 1, 1),
                                expires_on=datetime.date(2026, 12, 31), file=junk_upload())
    assert info.value.message == "Attach a PDF, JPEG or PNG file."
    with pytest.raises(DomainError) as info:
        compliance_document_add(product=product, actor=staff, kind="food_safety",
                                number="X", issued_on=datetime.date(2026, 1, 2),
                                expires_on=datetime.date(2026, 1, 1))
    assert info.value.message == "The document cannot expire before it was issued."
    assert ComplianceDocument.objects.count() == 1


def test_photos_need_a_description(staff):
    product = ProductFactory(compliance=False)
    with pytest.raises(DomainError) as info:
        product_photo_add(product=product, actor=staff, image_file=png_upload(), alt_text=" ")
    assert info.value.field == "alt_text"
    photo = product_photo_add(product=product, actor=staff, image_file=png_upload(),
                              alt_text="A jar of quince jam on a wooden table")
    assert (photo.alt_text, photo.image.width, photo.image.height) == (
        "A jar of quince jam on a wooden table", 4, 3)


def test_expiry_warnings_go_once_to_members_and_adviser(django_capture_on_commit_callbacks):
    adviser = UserFactory(email="adviser@abad.az", preferred_language="en")
    family, member = family_member(FamilyFactory(adviser=adviser), email="ana@example.az",
                                   preferred_language="en")
    product = ProductFactory(compliance=False,
        brand=BrandFactory(family=family), name_en="Quince jam")
    soon = ComplianceDocumentFactory(product=product, number="AQTA-SOON",
                                     expires_on=TODAY + datetime.timedelta(days=30))
    ComplianceDocumentFactory(product=product, number="AQTA-LATER",
                              expires_on=TODAY + datetime.timedelta(days=31))
    ComplianceDocumentFactory(product=product, number="AQTA-GONE",
                              expires_on=TODAY - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert compliance_warnings_send(today=TODAY) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert compliance_warnings_send(today=TODAY) == 0
    soon.refresh_from_db()
    assert soon.warned_at is not None
    assert sorted(Notification.objects.values_list("recipient__email", "status")) == [
        ("adviser@abad.az", "sent"), ("ana@example.az", "sent")]
    assert sorted(m.to[0] for m in mail.outbox) == ["adviser@abad.az", "ana@example.az"]
    assert {m.subject for m in mail.outbox} == {
        "A compliance document of Quince jam expires on 01.07.2026"}
    assert "Food-safety certificate AQTA-SOON of Quince jam" in mail.outbox[0].body
    assert Product.objects.get().status == "listed"
