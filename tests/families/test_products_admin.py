"""Staff screens of products: listing (filters, search, export, constant queries), the
product workspace (status, GTIN, compliance document, label sheet), brands, GTIN ranges
and the proof upload page."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from documents.models import Document
from families.models import Brand, ComplianceDocument, DesignProof, GtinRange, Product
from tests.factories import UserFactory
from tests.factories.fam_products import ComplianceDocumentFactory, GtinRangeFactory, pdf_upload
from tests.factories.families import FamilyFactory, ServiceRequestFactory
from tests.factories.products import BrandFactory, ProductFactory, lot_of
from tests.families.helpers import query_count, soup

pytestmark = pytest.mark.django_db


def messages_text(response):
    return [li.get_text(" ", strip=True) for li in soup(response).select("div.messages li")]


@pytest.fixture
def manager():
    user = UserFactory(is_staff=True, preferred_language="en")
    user.groups.add(Group.objects.get(name="Programme managers"))
    return user


def test_the_product_listing_filters_exports_and_runs_constant_queries(client, manager):
    client.force_login(manager)
    index = reverse("abad_products:index")

    def add(n):
        for _ in range(n):
            product = ProductFactory(compliance=False)
            ComplianceDocumentFactory(product=product)

    add(1)
    one = query_count(lambda: client.get(index))
    add(4)
    assert query_count(lambda: client.get(index)) == one
    ProductFactory(compliance=False,
        name_az="Zoğal mürəbbəsi", status="draft", gtin="4006381333931")
    page = soup(client.get(index, {"q": "4006381333931"}))
    assert [row.select_one("td a").get_text(strip=True)
            for row in page.select("table tbody tr")] == ["Zoğal mürəbbəsi"]
    page = soup(client.get(index, {"status": "draft"}))
    assert len(page.select("table tbody tr")) == 1
    export = client.get(index, {"export": "csv", "status": "draft"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[1][:2] == [Product.objects.get(status="draft").code, "Zoğal mürəbbəsi"]


def test_the_workspace_moves_a_product_to_the_shelf(client, manager,
                                                    django_capture_on_commit_callbacks):
    product = ProductFactory(compliance=False, status="approved", gtin=None)
    gtin_range = GtinRangeFactory(prefix="476000100", next_item=5)
    client.force_login(manager)
    url = reverse("families_admin:product_workspace", args=[product.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "status", "status-status": "listed"})
    assert response.status_code == 400
    assert soup(response).select_one(".error-message, .errorlist li").get_text(strip=True) == (
        "Give the product a GTIN before listing it.")
    response = client.post(url, {"action": "gtin", "gtin-gtin_range": gtin_range.pk},
                           follow=True)
    assert messages_text(response) == ["GTIN 4760001000053 assigned."]
    response = client.post(url, {
        "action": "compliance", "compliance-kind": "food_safety", "compliance-number": "AQTA-9",
        "compliance-issued_on": "2026-01-01", "compliance-expires_on": "2030-12-31",
        "compliance-file": pdf_upload()}, follow=True)
    assert messages_text(response) == ["The document was added."]
    response = client.post(url, {"action": "status", "status-status": "listed"}, follow=True)
    assert messages_text(response) == ["The product is now listed."]
    product.refresh_from_db()
    assert (product.status, product.gtin, ComplianceDocument.objects.get().number) == (
        "listed", "4760001000053", "AQTA-9")
    lot = lot_of(product, code="L-77", produced=datetime.date(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "labels", "labels-lot": lot.pk,
                                     "labels-language": "az"}, follow=True)
    document = Document.objects.get(kind="label")
    assert (document.status, document.owner, document.language) == ("ready", lot, "az")
    link = soup(client.get(url)).select_one("#product-lots a")
    assert link["href"] == reverse("families_admin:label_file", args=[document.pk])
    assert client.get(link["href"]).status_code == 200


def test_brands_gtin_ranges_and_product_screens_render_and_save(client, manager):
    family = FamilyFactory()
    client.force_login(manager)
    response = client.post(reverse("abad_brands:add"), {"family": family.pk,
                                                        "name": "Dağ çayı", "story": ""})
    assert response.status_code == 302
    brand = Brand.objects.get()
    response = client.post(reverse("abad_gtin_ranges:add"), {
        "name": "ABAD 2026", "prefix": "4760002", "next_item": 0, "last_item": 99999})
    assert response.status_code == 302
    assert GtinRange.objects.get().prefix == "4760002"
    response = client.post(reverse("abad_products:add"), {
        "family": family.pk, "brand": brand.pk, "code": "abad-tea-1", "category": "tea",
        "name_az": "Kəklikotu çayı", "net_quantity": "50", "net_unit": "g",
        "shelf_life_days": "540", "recommended_price": "4.00"})
    product = Product.objects.get()
    assert response.url == reverse("families_admin:product_workspace", args=[product.pk])
    assert (product.code, product.status) == ("ABAD-TEA-1", "draft")
    for url in (reverse("abad_brands:index"), reverse("abad_brands:edit", args=[brand.pk]),
                reverse("abad_products:edit", args=[product.pk]),
                reverse("abad_gtin_ranges:index"), reverse("abad_proofs:index")):
        assert client.get(url).status_code == 200, url
    other_brand = BrandFactory()
    response = client.post(reverse("abad_products:edit", args=[product.pk]), {
        "family": family.pk, "brand": other_brand.pk, "code": product.code,
        "category": "tea", "name_az": "Kəklikotu çayı", "net_quantity": "50",
        "net_unit": "g", "shelf_life_days": "540", "recommended_price": "4.00"})
    assert response.status_code == 200
    product.refresh_from_db()
    assert product.brand == brand


def test_staff_upload_a_proof_version(client, manager):
    product = ProductFactory(compliance=False)
    request = ServiceRequestFactory(family=product.family, kind="packaging")
    client.force_login(manager)
    url = reverse("families_admin:proof_upload", args=[request.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": pdf_upload(), "product": product.pk,
                                 "note": "First idea"}, follow=True)
    assert messages_text(response) == ["Version 1 was sent to the family."]
    proof = DesignProof.objects.get()
    assert (proof.product, proof.note, proof.uploaded_by) == (product, "First idea", manager)
    assert client.get(reverse("families_admin:proof_file", args=[proof.pk])).status_code == 200
    other = ServiceRequestFactory(kind="training")
    assert client.get(reverse("families_admin:proof_upload",
                              args=[other.pk])).status_code == 404


def test_people_without_the_permission_see_nothing(client):
    client.force_login(UserFactory(is_staff=True))
    product = ProductFactory(compliance=False)
    for url in (reverse("families_admin:product_workspace", args=[product.pk]),
                reverse("families_admin:proof_upload",
                        args=[ServiceRequestFactory(kind="label").pk])):
        assert client.get(url).status_code in (302, 403), url


def test_the_workspace_adds_photos_and_links_design_requests(client, manager):
    from tests.factories.fam_products import png_upload

    product = ProductFactory(compliance=False)
    request = ServiceRequestFactory(family=product.family, kind="label", status="assigned")
    client.force_login(manager)
    url = reverse("families_admin:product_workspace", args=[product.pk])
    response = client.post(url, {"action": "photo", "photo-image": png_upload(),
                                 "photo-alt_text": ""})
    assert response.status_code == 400
    response = client.post(url, {"action": "photo", "photo-image": png_upload(),
                                 "photo-alt_text": "Two jars on a shelf"}, follow=True)
    assert messages_text(response) == ["The photo was added."]
    page = soup(client.get(url))
    assert [li.get_text(strip=True) for li in page.select("#product-photos li")] == [
        "Two jars on a shelf"]
    assert [a["href"] for a in page.select("#design-requests a")] == [
        reverse("families_admin:proof_upload", args=[request.pk])]


def test_the_expiring_filter(client, manager):
    soon = ProductFactory(compliance=False)
    ComplianceDocumentFactory(product=soon, expires_on=datetime.date.today()
                              + datetime.timedelta(days=10))
    later = ProductFactory(compliance=False)
    ComplianceDocumentFactory(product=later)
    client.force_login(manager)
    page = soup(client.get(reverse("abad_products:index"), {"expiring": "true"}))
    assert [row.select_one("td a").get_text(strip=True)
            for row in page.select("table tbody tr")] == [soon.name_az]
