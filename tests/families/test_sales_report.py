"""Staff sales screens: upload → preview of problems → import, the imports listing,
the records listing and export, the sales report (figures, grouping, sell-through,
CSV/XLSX/PDF exports with formulas neutralised), N+1 guards, permissions."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from core.exports import neutralise_formula
from families.models import ContractItem, Delivery, DeliveryLine, SalesImport, SalesRecord
from families.selectors.sales_report import sales_grouped, sell_through
from tests.factories import UserFactory
from tests.factories.products import StoreFactory, lot_of
from tests.factories.sales import listed, report, sale, sales_setup
from tests.families.helpers import query_count, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
JAN5 = datetime.date(2026, 1, 5)


def staff_in(group, **kwargs):
    user = UserFactory(is_staff=True, preferred_language="en", **kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def sales_manager():
    return staff_in("Sales managers", full_name="Rəşad Əliyev")


@pytest.fixture
def setup():
    return sales_setup()


def test_neutralise_formula():
    assert [neutralise_formula(v) for v in ("=1+1", "+7", "-2", "@SUM(A1)", "\tx", "\rx",
                                            "ok", 5, Decimal("-2"))] == [
        "'=1+1", "'+7", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "ok", 5, Decimal("-2")]


def test_upload_preview_and_import_in_the_admin(client, sales_manager, setup):
    client.force_login(sales_manager)
    jam = setup["jam"].gtin
    bad = report(f"X9;{jam};2026-01-05;1;7", f"B001;{jam};2026-01-05;1;7")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("families_admin:sales_upload"), {
            "chain": setup["chain"].pk, "period_start": "2026-01-01",
            "period_end": "2026-01-31", "file": SimpleUploadedFile("bad.csv", bad)})
    bad_import = SalesImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("families_admin:sales_import", args=[bad_import.pk])
    page = soup(client.get(response["Location"]))
    problems = [[td.get_text(strip=True) for td in tr.select("td")]
                for tr in page.select("#sales-problems tbody tr")]
    assert problems == [["2", "store_code", "Unknown store code “X9” for Bazar Store."]]
    assert page.select_one("#sales-commit") is None
    # the htmx poll of a finished import reloads the page
    assert client.get(response["Location"], HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    good = report(f"B001;{jam};2026-01-05;1;7")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("families_admin:sales_upload"), {
            "chain": setup["chain"].pk, "period_start": "2026-01-01",
            "period_end": "2026-01-31", "file": SimpleUploadedFile("good.csv", good)})
    good_import = SalesImport.objects.exclude(pk=bad_import.pk).get()
    page = soup(client.get(response["Location"]))
    assert page.select_one("#sales-commit").get_text(strip=True) == "Import 1 row"
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("families_admin:sales_commit", args=[good_import.pk]))
    good_import.refresh_from_db()
    assert good_import.status == "imported"
    assert SalesRecord.objects.count() == 1
    # the same file again is refused on the form
    response = client.post(reverse("families_admin:sales_upload"), {
        "chain": setup["chain"].pk, "period_start": "2026-01-01",
        "period_end": "2026-01-31", "file": SimpleUploadedFile("again.csv", good)})
    assert response.status_code == 200
    errors = [li.get_text(strip=True) for li in soup(response).select(".error-message")]
    assert errors[0].startswith("This file was already imported on ")
    listing = client.get(reverse("abad_sales_imports:index"))
    assert listing.status_code == 200


def test_people_without_the_permission_may_not_upload(client, setup):
    client.force_login(staff_in("Factory technicians"))
    # Wagtail answers a refused admin page with a redirect to the dashboard
    for url in (reverse("families_admin:sales_upload"), reverse("families_sales_report")):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))


@pytest.fixture
def sold(setup):
    jam_item = ContractItem.objects.get(product=setup["jam"])
    cheese_item = ContractItem.objects.get(product=setup["cheese"])
    b001, b002 = setup["stores"]
    sale(jam_item, b001, sold_on=JAN5, units=3, value="21.00")
    sale(jam_item, b002, sold_on=datetime.date(2026, 1, 6), units=1, value="7.00")
    sale(cheese_item, b001, sold_on=JAN5, units=2, value="25.00")
    sale(jam_item, b001, sold_on=datetime.date(2026, 2, 3), units=9, value="63.00")
    other = listed(setup["contract"], code="=HYPERLINK(\"x\")", name_az="=1+1 jam")
    sale(ContractItem.objects.get(product=other), b002, sold_on=JAN5, units=5, value="35.00")
    return setup | {"other": other}


def test_report_figures(sold):
    records = SalesRecord.objects.all()
    by_family = [(r["label"], r["units"], r["value"]) for r in sales_grouped(records, "family")]
    family = sold["family"].enterprise.name
    stranger = sold["other"].family.enterprise.name
    assert by_family == [(family, Decimal("15.000"), Decimal("116.00")),
                         (stranger, Decimal("5.000"), Decimal("35.00"))]
    by_month = [(r["label"], r["value"]) for r in sales_grouped(records, "month")]
    assert by_month == [("2026-01", Decimal("88.00")), ("2026-02", Decimal("63.00"))]
    family_month = [(r["label"], r["value"]) for r in sales_grouped(
        records.filter(family=sold["family"]), "family_month")]
    assert family_month == [(f"{family} 2026-01", Decimal("53.00")),
                            (f"{family} 2026-02", Decimal("63.00"))]
    by_store = [(r["label"], r["value"]) for r in sales_grouped(records, "store")]
    assert by_store == [("Bazar Nizami (B001)", Decimal("109.00")),
                        ("Bazar Gənclik (B002)", Decimal("42.00"))]
    assert [(r["label"], r["value"]) for r in sales_grouped(records, "region")] == [
        ("Baku", Decimal("151.00"))]


def test_sell_through_per_delivery(sold, sales_manager):
    """Jam delivered to B001 on 2 Jan (10) and 1 Feb (20): 3 sold in the first window
    (2–31 Jan), 9 in the second (from 1 Feb)."""
    b001 = sold["stores"][0]
    jam = sold["jam"]
    for number, day, quantity in (("DN-1", datetime.date(2026, 1, 2), 10),
                                  ("DN-2", datetime.date(2026, 2, 1), 20)):
        delivery = Delivery.objects.create(contract=sold["contract"], store=b001, number=number,
                                           delivered_on=day, created_by=sales_manager)
        DeliveryLine.objects.create(delivery=delivery, product=jam, lot=lot_of(jam),
                                    quantity=quantity)
    rows = [(r["delivery__number"], r["delivered"], r["sold"], r["sell_through"])
            for r in sell_through()]
    assert rows == [("DN-2", Decimal("20.000"), Decimal("9.000"), Decimal("45.0")),
                    ("DN-1", Decimal("10.000"), Decimal("3.000"), Decimal("30.0"))]


def test_report_page_and_exports(client, sales_manager, sold):
    client.force_login(sales_manager)
    url = reverse("families_sales_report")
    page = soup(client.get(url, {"by": "product"}))
    rows = [[td.get_text(strip=True).replace("\xa0", " ") for td in tr.select("td")]
            for tr in page.select("#sales-report tbody tr")]
    assert rows[0] == [f"{sold['jam'].name_az} (JAM-1)", "13", "91,00 ₼", "3"]
    assert page.select_one("svg.fam-chart") is not None
    response = client.get(url, {"by": "product", "export": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0] == ["Group", "Units sold", "Sales value (₼)", "Report rows"]
    assert ["'=1+1 jam (=HYPERLINK(\"x\"))", "5.000", "35.00", "1"] in lines
    response = client.get(url, {"by": "product", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [row for row in sheet.iter_rows(values_only=True)]
    assert ("'=1+1 jam (=HYPERLINK(\"x\"))", 5, 35, 1) in cells
    pdf = client.get(url, {"by": "chain", "export": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    filtered = soup(client.get(url, {"by": "month", "chain": sold["chain"].pk,
                                     "sold_on_from": "2026-02-01"}))
    assert [[td.get_text(strip=True).replace("\xa0", " ") for td in tr.select("td")]
            for tr in filtered.select("#sales-report tbody tr")] == [
        ["2026-02", "9", "63,00 ₼", "1"]]


def test_records_export_neutralises_formulas(client, sales_manager, sold):
    client.force_login(sales_manager)
    response = client.get(reverse("abad_sales_records:index"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


def test_report_constant_queries(client, sales_manager, sold):
    client.force_login(sales_manager)
    url = reverse("families_sales_report")
    one = query_count(lambda: client.get(url, {"by": "store"}))
    chain = sold["chain"]
    for n in range(5):
        store = StoreFactory(chain=chain, region="ganja")
        sale(ContractItem.objects.get(product=sold["cheese"]), store,
             sold_on=datetime.date(2026, 1, 10 + n), units=1, value="12.50")
    assert query_count(lambda: client.get(url, {"by": "store"})) == one


def test_listings_constant_queries(client, sales_manager, sold):
    client.force_login(sales_manager)
    imports = query_count(lambda: client.get(reverse("abad_sales_imports:index")))
    records = query_count(lambda: client.get(reverse("abad_sales_records:index")))
    for n in range(4):
        store = StoreFactory(chain=sold["chain"])
        sale(ContractItem.objects.get(product=sold["cheese"]), store,
             sold_on=datetime.date(2026, 3, 10 + n), units=1, value="12.50")
    assert query_count(lambda: client.get(reverse("abad_sales_imports:index"))) == imports
    assert query_count(lambda: client.get(reverse("abad_sales_records:index"))) == records
