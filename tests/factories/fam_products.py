"""Factories and files for the products part (compliance documents, GTIN ranges, design
proof uploads)."""

import datetime
import io

import factory as fb
from django.core.files.uploadedfile import SimpleUploadedFile

from families.models import ComplianceDocument, GtinRange
from tests.factories.products import ProductFactory


class ComplianceDocumentFactory(fb.django.DjangoModelFactory):
    """A food-safety certificate valid through 2027."""

    class Meta:
        model = ComplianceDocument

    product = fb.SubFactory(ProductFactory)
    kind = ComplianceDocument.Kind.FOOD_SAFETY
    number = fb.Sequence(lambda n: f"AQTA-{n:05d}")
    issued_on = datetime.date(2025, 1, 1)
    expires_on = datetime.date(2027, 12, 31)


class GtinRangeFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = GtinRange

    name = "ABAD"
    prefix = fb.Sequence(lambda n: f"4760{n:05d}")
    next_item = 0
    last_item = 999


def pdf_upload(name="proof.pdf"):
    content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(name="photo.png", size=(4, 3)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def junk_upload(name="proof.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf at all" * 10,
                              content_type="application/pdf")
