import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, monkeypatch):
    """Attachments go to a fresh directory per test (rows roll back, files do not)."""
    from django.core.files.storage import FileSystemStorage

    from families.models import ServiceMessage

    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(ServiceMessage._meta.get_field("attachment"), "storage", storage)
    return storage


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def clear_cache(db):
    cache.clear()
    yield
    cache.clear()
