"""The products demo: brands and products for the demo families, GTINs, a document
expiring soon, a proof waiting, lots linked; idempotent."""

import datetime

import pytest
from django.utils import timezone

from core import demo as core_demo
from documents.models import Document
from families import demo, demo_products
from families.gtin import ean13_is_valid
from families.models import Brand, ComplianceDocument, DesignProof, Product, ProductionLot
from families.services.products import product_sellable_problem

pytestmark = pytest.mark.django_db


def test_the_products_demo_loads_once(settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    core_demo.seed()
    demo.seed()
    with django_capture_on_commit_callbacks(execute=True):
        first = demo_products.seed()
    second = demo_products.seed()
    today = timezone.localdate()
    assert first.startswith("6 brands, 10 products, 10 documents, 3 proofs")
    assert second == "0 brands, 0 products, 0 documents, 0 proofs, 0 lots, 0 labels"
    assert Brand.objects.count() == 6
    listed = Product.objects.filter(status="listed")
    assert listed.count() == 5
    assert all(ean13_is_valid(p.gtin) for p in listed)
    assert all(product_sellable_problem(p, today) is None for p in listed)
    assert list(ComplianceDocument.objects.filter(
        expires_on__lte=today + datetime.timedelta(days=30)).values_list(
        "product__code", flat=True)) == ["DEMO-JAM-CORNEL"]
    assert list(DesignProof.objects.order_by("pk").values_list("version", "decision")) == [
        (1, "changes"), (2, "pending"), (1, "pending")]
    quince = Product.objects.get(code="DEMO-JAM-QUINCE")
    assert ProductionLot.objects.filter(product=quince).exists()
    assert Document.objects.get(kind="label").status == "ready"
