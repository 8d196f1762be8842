import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.selectors_home import ImpactFigures, impact_figures
from documents.models import Certificate
from families.models import Family, Product, RetailContract, ShiftBooking
from tests.factories.cms import home_in_all_languages
from tests.factories.core import CentreFactory, FeedbackFactory
from tests.factories.events import EventFactory
from tests.factories.families import FamilyFactory, LineFactory, booked, shift_at
from tests.factories.incubator import StartupFactory
from tests.factories.products import (
    BrandFactory,
    ContractFactory,
    ContractItemFactory,
    ProductFactory,
)
from tests.factories.programmes import CallFactory, days

pytestmark = pytest.mark.django_db


SERIALS = itertools.count()


def certificate(revoked=False):
    n = next(SERIALS)
    return Certificate.objects.create(
        serial=f"YV-TEST-{n:05d}", kind=Certificate.Kind.TRAINING,
        recipient_name=f"Person {n}", recipient_key=f"email:p{n}@yuva.test",
        title="Training", subject_key=f"label:training {n}", centre=CentreFactory(),
        signatory_name="Aysel Məmmədova", issued_on=datetime.date(2026, 3, 1), language="az",
        revoked_at=timezone.now() if revoked else None,
        revoked_reason="Mistake" if revoked else "")


def make_data(scale=1):
    now = timezone.now()
    for _ in range(2 * scale):
        StartupFactory()
    for stage in [Family.Stage.PRODUCING] * 3 + [Family.Stage.SELLING,
                                                  Family.Stage.ONBOARDING]:
        for _ in range(scale):
            FamilyFactory(stage=stage)
    family = FamilyFactory(stage=Family.Stage.APPLIED)
    line = LineFactory()
    this_year = datetime.date(timezone.localtime(now).year, 1, 2)
    last_year = datetime.date(timezone.localtime(now).year - 1, 12, 30)
    for hour in range(6, 6 + 2 * scale):
        booked(shift_at(line, this_year, hour, hours=1), family,
               status=ShiftBooking.Status.CHECKED_IN)
    booked(shift_at(line, this_year, 20, hours=1), family, status=ShiftBooking.Status.NO_SHOW)
    booked(shift_at(line, last_year, 8), family, status=ShiftBooking.Status.CHECKED_IN)
    for n in range(3):
        certificate(revoked=(n == 0))
    for rating in (5, 4, 2):
        FeedbackFactory(rating=rating)
    brand = BrandFactory(family=family)  # the applied family: not counted as producing
    for _ in range(scale):
        on_shelf = ProductFactory(brand=brand)
        ContractItemFactory(product=on_shelf)  # active contract for all of 2026
        ContractItemFactory(product=on_shelf)  # in two chains: counted once
        ContractItemFactory(product=ProductFactory(brand=brand,
                                                   status=Product.Status.DISCONTINUED))
        ContractItemFactory(product=ProductFactory(brand=brand), contract=ContractFactory(
            status=RetailContract.Status.ACTIVE, starts_on=datetime.date(2020, 1, 1),
            ends_on=datetime.date(2020, 12, 31)))
        ProductFactory(brand=brand)  # listed, but in no contract


def test_impact_figures_are_computed_from_the_data():
    make_data()

    assert impact_figures() == ImpactFigures(
        startups_supported=2, families_producing=4, shifts_worked_this_year=2,
        products_on_shelves=1, certificates_issued=2, satisfaction_rate=67)


def test_satisfaction_is_unknown_without_any_rating():
    assert impact_figures().satisfaction_rate is None


def test_the_home_page_shows_the_figures(client):
    home_in_all_languages()
    make_data()

    html = client.get("/en/").content.decode()

    figures = dict(re.findall(r'data-figure="(\w+)">([^<]*)<', html))
    assert figures == {"startups": "2", "families": "4", "shifts": "2", "products": "1",
                       "certificates": "2", "satisfaction": "67%"}


def test_the_home_page_lists_open_calls_and_upcoming_events_only(client):
    home_in_all_languages()
    CallFactory(title="Açıq çağırış")
    CallFactory(title="Bağlı çağırış", opens_at=timezone.now() - days(30),
                closes_at=timezone.now() - days(1))
    EventFactory(title="Startap Fest")
    EventFactory(title="Qaralama", status="draft")

    html = client.get("/az/").content.decode()

    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html) == [
        "Açıq çağırış", "Startap Fest"]


def test_the_home_page_runs_the_same_number_of_queries_for_more_data(client):
    home_in_all_languages()
    make_data()
    CallFactory()
    EventFactory()
    client.get("/az/")  # warm Wagtail's site-root cache

    with CaptureQueriesContext(connection) as small:
        client.get("/en/")
    make_data(scale=5)
    for _ in range(5):
        CallFactory()
        EventFactory()
    with CaptureQueriesContext(connection) as large:
        client.get("/ru/")

    assert len(small) == len(large)


def test_the_home_page_features_products_on_shelves_only(client):
    home_in_all_languages()
    on_shelf = ProductFactory(name_en="Quince jam from Guba")
    ContractItemFactory(product=on_shelf)
    ContractItemFactory(product=ProductFactory(name_en="Old jam",
                                               status=Product.Status.DISCONTINUED))

    html = client.get("/en/").content.decode()

    assert re.findall(r"<h3>([^<]+)</h3><p>([^<]+)</p>", html) == [
        ("Quince jam from Guba", on_shelf.brand.name)]
