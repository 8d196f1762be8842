"""Shared test set-up.

Suites marked `services` or `e2e` need PostgreSQL, Redis or Chromium. Locally they
skip with the reason when a service is missing; under CI=true they fail instead, so a
missing service can never pass as green."""

import os
import shutil
import socket

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/yuva")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require(condition, what):
    """Fail under CI, skip elsewhere, when a needed service is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true but is not available", pytrace=False)
    pytest.skip(f"{what} is not available")


def port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url():
    require(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    return REDIS_URL


@pytest.fixture(scope="session")
def postgres_url():
    require(port_open("127.0.0.1", 5432), "PostgreSQL on 127.0.0.1:5432")
    return POSTGRES_URL


@pytest.fixture(scope="session")
def chromium_path():
    require(os.path.exists(CHROMIUM) and shutil.which(CHROMIUM), f"Chromium at {CHROMIUM}")
    return CHROMIUM



@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Public pages are cached (cms/cache.py); each test starts with an empty cache."""
    from django.core.cache import caches

    caches["pages"].clear()
