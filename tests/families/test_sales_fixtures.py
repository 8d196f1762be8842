"""The example files in families/fixtures/ against the demo's codes, and the demo
seed of sales (through the import service; idempotent)."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from families import demo_sales
from families.models import FamilyStatement, SalesImport, SalesRecord
from tests.factories import UserFactory
from tests.factories.families import FamilyFactory
from tests.factories.sales import commit, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
FIXTURES = Path(demo_sales.__file__).parent / "fixtures"
JAN = (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))


@pytest.fixture
def demo_retail():
    for name in ("Quba Mürəbbə Evi", "Qafarovların Şəki Pendiri", "Lənkəran Çay Bağı"):
        FamilyFactory(enterprise__name=name)
    return demo_sales._ensure_retail(datetime.date(2026, 6, 1))


def test_clean_example_imports(demo_retail):
    sales_import = upload(demo_retail["BAZAR"], (FIXTURES / "sales-clean.csv").read_bytes(),
                          period=JAN)
    sales_import.refresh_from_db()
    assert (sales_import.row_count, sales_import.problems) == (10, [])
    commit(sales_import)
    assert sales_import.status == "imported"
    assert SalesRecord.objects.count() == 10


def test_clean_xlsx_example_imports(demo_retail):
    sales_import = upload(demo_retail["BAZAR"], (FIXTURES / "sales-clean.xlsx").read_bytes(),
                          name="sales-clean.xlsx", period=JAN)
    sales_import.refresh_from_db()
    assert (sales_import.row_count, sales_import.problems) == (10, [])


def test_example_with_errors(demo_retail):
    data = (FIXTURES / "sales-with-errors.csv").read_bytes()
    sales_import = upload(demo_retail["BAZAR"], data, period=JAN)
    sales_import.refresh_from_db()
    assert (sales_import.row_count, sales_import.error_count) == (10, 9)
    assert [(p["row"], p["column"], p["message"]) for p in sales_import.problems] == [
        (3, "store_code", "Unknown store code “B999” for Bazar Store."),
        (4, "gtin", "No product has the GTIN or code “4760000000000”."),
        (5, "units_sold", "Units sold cannot be negative (-2)."),
        (6, "date", "“2026-13-06” is not a date (write YYYY-MM-DD or DD.MM.YYYY)."),
        (7, "date", "2026-02-07 is outside the report's period 2026-01-01 – 2026-01-31."),
        (8, "gtin", "The same store, product and date as row 2."),
        (9, "sales_value", "Sales value 40.00 differs from units × shelf price (34.80) by "
                           "more than 2.00 %."),
        (10, "units_sold", "“bir” is not a number."),
        (11, "store_code", "Unknown store code “=cmd|'/c calc'!A1” for Bazar Store."),
    ]


def test_demo_sales_seed_is_idempotent(demo_retail, monkeypatch):
    UserFactory(email="staff@yuva.test", is_staff=True)
    monkeypatch.setattr(demo_sales.timezone, "localdate", lambda: datetime.date(2026, 5, 10))
    first = demo_sales.seed()
    imports = SalesImport.objects.filter(status="imported")
    assert sorted({(i.chain.code, i.period_start) for i in imports}) == [
        ("ARAZ", datetime.date(2026, 2, 1)), ("ARAZ", datetime.date(2026, 3, 1)),
        ("ARAZ", datetime.date(2026, 4, 1)), ("BAZAR", datetime.date(2026, 2, 1)),
        ("BAZAR", datetime.date(2026, 3, 1)), ("BAZAR", datetime.date(2026, 4, 1))]
    rows = SalesRecord.objects.count()
    assert first == f"{rows} sales rows imported, 3 statements"
    assert FamilyStatement.objects.filter(month=datetime.date(2026, 4, 1)).count() == 3
    assert SalesRecord.objects.filter(value__lte=Decimal(0)).count() == 0
    assert demo_sales.seed() == "0 sales rows imported, 0 statements"
    assert SalesRecord.objects.count() == rows
