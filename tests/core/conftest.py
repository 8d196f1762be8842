import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache(db):
    """Rate-limit counters (allauth's login and sign-up limits) live in the cache, the
    database cache table; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def english():
    """Run the test body in English, so our own (maybe not yet translated) strings
    compare exactly."""
    with translation.override("en"):
        yield


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def field_errors(response):
    """{field name: [messages]} as rendered by Django's form templates
    (`<ul class="errorlist" id="id_<name>_error">`), plus "__all__" for non-field ones."""
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


def messages_text(response):
    return [li.get_text(strip=True) for li in soup(response).select("ul.messages li")]
