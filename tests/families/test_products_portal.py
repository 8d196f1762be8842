"""The family's products in the portal: what it sees, nothing of another family (404 on
every page and download), and constant queries."""

import datetime

import pytest
from django.urls import reverse

from documents.services import document_store_pdf
from families.labels import label_sheet_request
from families.services.products import proof_upload
from tests.factories.core import UserFactory
from tests.factories.fam_products import ComplianceDocumentFactory, pdf_upload
from tests.factories.families import FamilyFactory, ServiceRequestFactory, family_member
from tests.factories.products import BrandFactory, ProductFactory, lot_of
from tests.families.helpers import query_count, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def family_with_everything(gtin="4006381333931"):
    family, member = family_member(FamilyFactory(), preferred_language="en")
    brand = BrandFactory(family=family, name="Nənəmin bağı")
    product = ProductFactory(compliance=False, brand=brand, name_en="Quince jam", gtin=gtin)
    document = ComplianceDocumentFactory(product=product, number="AQTA-1",
                                         expires_on=datetime.date(2031, 1, 31))
    document.file.save("cert.pdf", pdf_upload())
    lot = lot_of(product, code=f"JAM-{gtin}")
    label = label_sheet_request(lot=lot, actor=UserFactory(), language="en")
    document_store_pdf(document=label, pdf=b"%PDF-1.4 labels", filename="labels.pdf")
    request = ServiceRequestFactory(family=family, kind="label")
    proof = proof_upload(service_request=request, actor=UserFactory(), file=pdf_upload(),
                         product=product)
    from families.services.products import proof_decide
    artwork = proof_decide(proof=proof, actor=member, approve=True)
    return {"family": family, "member": member, "product": product, "document": document,
            "lot": lot, "label": label, "proof": proof, "artwork": artwork}


def urls(x):
    f = x["family"].pk
    return [
        reverse("families:products", args=[f]),
        reverse("families:product_detail", args=[f, x["product"].pk]),
        reverse("families:compliance_file", args=[f, x["document"].pk]),
        reverse("families:label_file", args=[f, x["label"].pk]),
        reverse("families:proofs", args=[f]),
        reverse("families:proof_file", args=[f, x["proof"].pk]),
        reverse("families:artwork_file", args=[f, x["artwork"].pk]),
    ]


def test_the_family_sees_its_products(client):
    x = family_with_everything()
    client.force_login(x["member"])
    for url in urls(x):
        assert client.get(url).status_code == 200, url
    page = soup(client.get(urls(x)[0]))
    row = [td.get_text(" ", strip=True) for td in page.select(f"#product-{x['product'].pk} td")]
    assert row == ["Quince jam 450 g", "Nənəmin bağı", "Listed", "4006381333931",
                   "31.01.2031"]
    detail = soup(client.get(urls(x)[1]))
    assert [a["href"] for a in detail.select("#lots a")] == [urls(x)[3]]
    label = client.get(urls(x)[3])
    assert b"".join(label.streaming_content) == b"%PDF-1.4 labels"


def test_nothing_of_another_family(client):
    mine = family_with_everything()
    other = family_with_everything(gtin="5901234123457")
    client.force_login(mine["member"])
    # Another family's objects under my family's id, and another family's id.
    f = mine["family"].pk
    theirs = [
        reverse("families:product_detail", args=[f, other["product"].pk]),
        reverse("families:compliance_file", args=[f, other["document"].pk]),
        reverse("families:label_file", args=[f, other["label"].pk]),
        reverse("families:proof_file", args=[f, other["proof"].pk]),
        reverse("families:proof_decide", args=[f, other["proof"].pk]),
        reverse("families:artwork_file", args=[f, other["artwork"].pk]),
        *urls(other),
        reverse("families:proof_decide", args=[other["family"].pk, other["proof"].pk]),
    ]
    for url in theirs:
        method = client.post if url.endswith("/decide/") else client.get
        assert method(url).status_code == 404, url


def test_product_pages_run_constant_queries(client):
    family, member = family_member(FamilyFactory())
    brand = BrandFactory(family=family)
    client.force_login(member)

    def add(n):
        for _ in range(n):
            product = ProductFactory(compliance=False, brand=brand)
            ComplianceDocumentFactory(product=product)
            ComplianceDocumentFactory(product=product, kind="licence")

    add(1)
    products = reverse("families:products", args=[family.pk])
    proofs = reverse("families:proofs", args=[family.pk])
    request = ServiceRequestFactory(family=family, kind="label")
    proof_upload(service_request=request, actor=member, file=pdf_upload(),
                 product=family.products.first())
    one = (query_count(lambda: client.get(products)), query_count(lambda: client.get(proofs)))
    add(5)
    for product in family.products.all()[:3]:
        proof_upload(service_request=request, actor=member, file=pdf_upload(),
                     product=product)
    assert (query_count(lambda: client.get(products)),
            query_count(lambda: client.get(proofs))) == one


def test_the_portal_home_links_products_and_waiting_designs(client):
    x = family_with_everything()
    client.force_login(x["member"])
    proof_upload(service_request=x["proof"].service_request, actor=UserFactory(),
                 file=pdf_upload(), product=x["product"])
    panel = soup(client.get(reverse("core:portal_home"))).select_one("#portal-products-panel")
    assert panel.get_text(" ", strip=True) == (
        f"{x['family'].enterprise.name} 1 product · 1 design waiting for your approval")
    assert [a["href"] for a in panel.select("a")] == [
        reverse("families:products", args=[x["family"].pk]),
        reverse("families:proofs", args=[x["family"].pk])]
    client.force_login(UserFactory())
    assert soup(client.get(reverse("core:portal_home"))).select_one(
        "#portal-products-panel") is None
