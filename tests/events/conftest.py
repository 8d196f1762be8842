import email
import email.policy

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clean_cache(db):
    """Rate-limit counters live in the cache (the database cache table)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Generated PDFs and ZIPs go to a fresh directory per test."""
    from django.core.files.storage import FileSystemStorage

    from documents.models import CertificateBatch, Document

    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(CertificateBatch._meta.get_field("zip_file"), "storage", storage)
    return storage


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response, selector):
    node = soup(response).select_one(selector)
    return " ".join(node.get_text(" ").split()) if node else None


def messages_text(response):
    return [li.get_text(" ", strip=True) for li in soup(response).select("ul.messages li")]


def parse_mail(message):
    """A django EmailMessage as the standard library sees it on the wire."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
