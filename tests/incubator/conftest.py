import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.models import Membership
from tests.factories.core import EnterpriseFactory, MembershipFactory, UserFactory
from tests.factories.incubator import MentorFactory, SlotFactory, StartupFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    """Compare our own (not yet translated) strings in English."""
    with translation.override("en"):
        yield


def founder_of(startup, **user_kwargs):
    user = UserFactory(**({"preferred_language": "en"} | user_kwargs))
    MembershipFactory(enterprise=startup.enterprise, user=user, role=Membership.Role.OWNER)
    return user


def new_startup(name=None, **enterprise_kwargs):
    if name is not None:
        enterprise_kwargs["name"] = name
    return StartupFactory(enterprise=EnterpriseFactory(**enterprise_kwargs))


@pytest.fixture
def startup(db):
    return new_startup("Bulud Kassa")


@pytest.fixture
def founder(startup):
    return founder_of(startup, email="founder@example.az", full_name="Rəşad Hüseynov")


@pytest.fixture
def mentor(db):
    return MentorFactory(user=UserFactory(email="mentor@example.az", full_name="Elvin Əliyev",
                                          preferred_language="ru"))


@pytest.fixture
def slot(mentor):
    return SlotFactory(mentor=mentor)


@pytest.fixture
def founder_client(client, founder):
    client.force_login(founder)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@example.az",
                       preferred_language="en")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.cookies["django_language"] = "en"
    return client


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def texts(response, selector):
    return [node.get_text(" ", strip=True) for node in soup(response).select(selector)]


def messages_text(response):
    return [li.get_text(strip=True) for li in soup(response).select("ul.messages li")]


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


def count_queries(client, url, *, rows=None, rows_of=None):
    """The number of queries a GET of `url` runs; checks how many rows it listed."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    if rows is not None:
        assert rows_of(response) == rows
    return len(ctx.captured_queries)
