"""The contract and delivery-note PDFs say what they must, in az/en/ru."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from documents.models import Document
from families.services.retail_documents import retail_pdf_issue
from tests.factories import UserFactory
from tests.factories.products import ChainFactory, ProductFactory, StoreFactory
from tests.factories.retail import deliver, listed, live_contract, made

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _document_storage(tmp_path, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path / "docs", base_url=None)
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)


def text_of(document):
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def contract():
    chain = ChainFactory(name="Yaşıl Səbət", code="YS", contact_email="buy@ys.test")
    contract = live_contract(chain=chain, number="ABAD-RC-2026-07", payment_days=45,
                             margin_percent=Decimal("22.50"))
    listed(contract, ProductFactory(name_az="Əzgil mürəbbəsi", name_en="Medlar jam",
                                    name_ru="Варенье из мушмулы", gtin="4760000000017"),
           wholesale="1234.50", shelf="1500.00")
    return contract


@pytest.mark.parametrize("language, words", [
    ("en", ["Retail contract ABAD-RC-2026-07", "Yaşıl Səbət", "Chain code: YS",
            "Consignment", "22,50 %", "within 45 days of the sales report", "Medlar jam",
            "4760000000017", "1 234,50 ₼", "1 500,00 ₼", "For Yaşıl Səbət"]),
    ("az", ["Əzgil mürəbbəsi", "1 234,50 ₼", "Yaşıl Səbət"]),
    ("ru", ["Варенье из мушмулы", "1 500,00 ₼"]),
])
def test_contract_pdf(contract, language, words):
    document = retail_pdf_issue(owner=contract, requested_by=UserFactory(), language=language)
    assert (document.kind, document.status, document.language) == (
        "retail_contract", "ready", language)
    assert document.filename == f"contract-ABAD-RC-2026-07-{language}.pdf"
    text = text_of(document)
    for word in words:
        assert word in text, (word, text)
    assert f"{contract.starts_on:%d.%m.%Y} – {contract.ends_on:%d.%m.%Y}" in text


def test_delivery_note_pdf(contract):
    store = StoreFactory(chain=contract.chain, code="YS-014", name="Xətai",
                         address="Babək pr. 12, Bakı")
    product = contract.items.get().product
    lot = made(product, "80", code="GUB-2026-0042")
    delivery = deliver(contract, store, (lot, "24"))
    document = retail_pdf_issue(owner=delivery, requested_by=UserFactory(preferred_language="en"))
    text = text_of(document)
    assert document.language == "en"
    for word in (f"Delivery note {delivery.number}", "Yaşıl Səbət · Xətai (YS-014)",
                 "Babək pr. 12, Bakı", "ABAD-RC-2026-07", "Medlar jam", "4760000000017",
                 "GUB-2026-0042", "24 jars", "Received (store): name, signature, stamp",
                 f"{delivery.delivered_on:%d.%m.%Y}"):
        assert word in text, (word, text)
