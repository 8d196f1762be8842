"""Helpers for reading the PDFs the engine writes (pypdf only, no poppler)."""

import io
import re

import pypdf
import pytest

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def pdf_reader(pdf):
    return pypdf.PdfReader(io.BytesIO(pdf))


def pdf_text(pdf):
    """All text of the PDF, page after page."""
    return "\n".join(page.extract_text() for page in pdf_reader(pdf).pages)


def pdf_lines(pdf):
    return [line.strip() for line in pdf_text(pdf).splitlines() if line.strip()]


def _fonts_in(resources, seen):
    """Yield every font dictionary reachable from a resources dictionary, including
    those of form XObjects (WeasyPrint draws some content through forms)."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts_in(xobject.get("/Resources"), seen)


def pdf_fonts(pdf):
    """[(base font name without subset prefix, TrueType program embedded?)] for every
    font used.
    A Type0 (composite) font is described by its descendant CIDFont."""
    found = []
    seen = set()
    for page in pdf_reader(pdf).pages:
        for font in _fonts_in(page.get("/Resources"), seen):
            described = font
            if font.get("/Subtype") == "/Type0":
                described = font["/DescendantFonts"][0].get_object()
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            name = SUBSET_PREFIX.sub("", str(font["/BaseFont"]).lstrip("/"))
            found.append((name, "/FontFile2" in descriptor))
    return found


def pdf_image_count(pdf):
    return sum(len(page.images) for page in pdf_reader(pdf).pages)


@pytest.fixture
def en():
    """Run the test body in English, so translated messages can be compared exactly."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Generated files go to a fresh directory per test: database rows are rolled back
    after a test but files are not, and a left-over file would make the storage pick
    another name for the next one."""
    from django.core.files.storage import FileSystemStorage

    from documents.models import CertificateBatch, Document

    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(CertificateBatch._meta.get_field("zip_file"), "storage", storage)
    return storage


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Factories set a password per user; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
