from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def messages_text(response):
    return [li.get_text(strip=True) for li in soup(response).select("ul.messages li")]


def query_count(fn):
    with CaptureQueriesContext(connection) as ctx:
        response = fn()
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)
