from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from programmes.models import Answer, MilestoneSubmission


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    """Compare our own (not yet translated) strings in English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Uploads go to a fresh private directory per test (rows roll back, files don't)."""
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(Answer._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr(MilestoneSubmission._meta.get_field("file"), "storage", storage)
    return storage


def stored_files(storage):
    """Every file under a FileSystemStorage's directory, relative paths, sorted."""
    root = Path(storage.location)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def login(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def texts(response, selector):
    return [node.get_text(" ", strip=True) for node in soup(response).select(selector)]


def messages_text(response):
    return [li.get_text(strip=True) for li in soup(response).select("ul.messages li")]


def admin_messages(response):
    """The messages a page (portal or Wagtail admin) shows."""
    return [str(message) for message in response.context["messages"]]


def field_errors(response):
    """{field name: [messages]} as Django's form templates render them, plus "__all__"."""
    errors = {}
    for ul in soup(response).select("ul.errorlist"):
        ident = ul.get("id", "")
        if ident.startswith("id_") and ident.endswith("_error"):
            name = ident[len("id_"):-len("_error")]
        elif "nonfield" in ul.get("class", []):
            name = "__all__"
        else:
            continue
        errors[name] = [li.get_text(strip=True) for li in ul.find_all("li")]
    return errors


def queries_of(client, url):
    """(response, number of queries) of a GET."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response, len(ctx.captured_queries)
