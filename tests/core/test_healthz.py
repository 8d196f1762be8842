import json

import pytest

from config.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_url():
    """Point the Celery app at another broker for one test, then put it back."""
    original = celery_app.conf.broker_url

    def point_at(url):
        celery_app.conf.broker_url = url

    yield point_at
    celery_app.conf.broker_url = original


def test_healthz_is_ok_with_the_embedded_broker(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok", "database": "ok", "broker": "embedded",
    }
    assert "no-cache" in response["Cache-Control"].split(", ")


def test_healthz_needs_no_login_and_no_session(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_healthz_reports_a_reachable_broker(client, settings, broker_url):
    settings.CELERY_EMBEDDED = False
    broker_url("memory://")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_broker_is_down(client, settings, broker_url):
    settings.CELERY_EMBEDDED = False
    broker_url("redis://127.0.0.1:1/0")  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "down", "database": "ok", "broker": "down",
    }
