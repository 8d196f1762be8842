"""Label sheets: best-before dates, the PDF's EAN-13 barcode and authenticity QR code
decoded by zbar, and the public authenticity page (valid, unknown, tampered)."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from documents.models import Document
from families.labels import (
    authenticity_token,
    authenticity_url,
    best_before,
    label_sheet_request,
    lot_for_token,
    production_date,
)
from tests.conftest import require
from tests.factories.core import UserFactory
from tests.factories.products import ProductFactory, lot_of
from tests.families.helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_best_before_is_the_shift_date_in_baku_plus_shelf_life():
    product = ProductFactory(compliance=False, shelf_life_days=365)
    lot = lot_of(product, produced=datetime.date(2026, 3, 2))
    assert (production_date(lot), best_before(product, lot)) == (
        datetime.date(2026, 3, 2), datetime.date(2027, 3, 2))
    # A night shift starting at 00:30 in Baku is still 20:30 the day before in UTC.
    lot.shift.starts_at = timezone.make_aware(datetime.datetime(2026, 3, 10, 0, 30))
    assert lot.shift.starts_at.astimezone(datetime.UTC).date() == datetime.date(2026, 3, 9)
    product.shelf_life_days = 30
    assert best_before(product, lot) == datetime.date(2026, 4, 9)


def test_crafts_have_no_best_before():
    product = ProductFactory(category="carpet", shelf_life_days=None, net_unit="m2")
    assert best_before(product, lot_of(product)) is None


def test_labels_need_a_product_with_a_gtin():
    product = ProductFactory(compliance=False, gtin=None)
    with pytest.raises(DomainError) as info:
        label_sheet_request(lot=lot_of(product), actor=UserFactory())
    assert info.value.message == f"Give {product.name} a GTIN before printing labels."


def test_label_pdf_barcode_and_qr_decode(django_capture_on_commit_callbacks, settings,
                                         tmp_path):
    require(shutil.which("pdftoppm") and shutil.which("zbarimg"),
            "pdftoppm and zbarimg (poppler-utils, zbar-tools)")
    settings.SITE_URL = "https://yuva.example.az"
    product = ProductFactory(compliance=False, gtin="4006381333931")
    lot = lot_of(product, code="JAM-260302-1", produced=datetime.date(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        document = label_sheet_request(lot=lot, actor=UserFactory(), language="en")
    document.refresh_from_db()
    assert (document.kind, document.status, document.owner) == (
        Document.Kind.LABEL, Document.Status.READY, lot)
    pdf_path = tmp_path / "labels.pdf"
    pdf_path.write_bytes(document.file.open("rb").read())
    subprocess.run(["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", "-singlefile",
                    str(pdf_path), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", str(tmp_path / "page.png")],
                             capture_output=True, text=True, check=True).stdout.split()
    url = f"https://yuva.example.az/p/{authenticity_token(lot)}/"
    assert sorted(set(decoded)) == [f"EAN-13:{product.gtin}", f"QR-Code:{url}"]
    assert decoded.count(f"QR-Code:{url}") == 10
    assert authenticity_url(lot) == url


def test_the_authenticity_page_says_valid(client, clear_cache):
    product = ProductFactory(compliance=False, name_en="Quince jam", shelf_life_days=365)
    lot = lot_of(product, code="JAM-260302-1", produced=datetime.date(2026, 3, 2))
    response = client.get(reverse("authenticity:check", args=[authenticity_token(lot)]),
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#authenticity-verdict").get_text(" ", strip=True) == (
        "This code is valid: Quince jam, lot JAM-260302-1, made by an ABAD family business.")
    facts = [dd.get_text(" ", strip=True) for dd in page.select("#authenticity-facts dd")]
    assert facts[:4] == [product.family.enterprise.name, product.brand.name, "Quince jam",
                         "JAM-260302-1"]
    assert facts[4:6] == [lot.shift.line.factory.name, "02.03.2026"]
    assert facts[6].startswith("02.03.2027")


@pytest.mark.parametrize("mangle", [
    lambda token: token[:-1] + ("0" if token[-1] != "0" else "1"),  # tampered MAC
    lambda token: str(int(token.split("-")[0]) + 1) + "-" + token.split("-")[1],  # other lot
    lambda token: "999999-" + "a" * 20,  # unknown
    lambda token: "junk",
])
def test_a_tampered_or_unknown_code_is_not_valid(client, clear_cache, mangle):
    product = ProductFactory(compliance=False)
    lot = lot_of(product)
    lot_of(product)
    token = mangle(authenticity_token(lot))
    assert lot_for_token(token) is None
    response = client.get(reverse("authenticity:check", args=[token]),
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert soup(response).select_one("#authenticity-verdict").get_text(" ", strip=True) == (
        "This code is not valid: ABAD never printed it. The label may be copied or altered; "
        "please tell the shop.")


def test_the_authenticity_page_is_rate_limited(client, clear_cache):
    url = reverse("authenticity:check", args=["1-" + "b" * 20])
    statuses = [client.get(url).status_code for _ in range(7)]
    assert statuses == [404] * 6 + [429]
