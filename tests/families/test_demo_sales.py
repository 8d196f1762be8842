"""The whole demo (core, families, products, retail, sales seeds): the demo's sales
follow its deliveries, the example files in families/fixtures/ import into it (October
2026, chain BZR) and the file with errors reports exactly its problems."""

import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from core import demo as core_demo
from families import demo, demo_history, demo_products, demo_retail, demo_sales
from families.models import (
    FamilyStatement,
    RetailChain,
    SalesImport,
    SalesRecord,
)
from families.selectors.retail import reconciliation
from families.selectors.sales import previous_month
from tests.factories.sales import commit, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
FIXTURES = Path(demo_sales.__file__).parent / "fixtures"
OCTOBER = (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
ERRORS = [
    (3, "Mağaza kodu", "Unknown store code “BZR-999” for Bazar Market."),
    (4, "Barkod", "No product has the GTIN or code “4760000099999”."),
    (5, "Barkod", "Alma mürəbbəsi (DEMO-JAM-APPLE) is not listed under an active contract "
                  "of Bazar Market on 2026-10-08."),
    (6, "Satılan say", "Units sold cannot be negative (-2)."),
    (7, "Tarix", "“2026-13-06” is not a date (write YYYY-MM-DD or DD.MM.YYYY)."),
    (8, "Tarix", "2026-11-07 is outside the report's period 2026-10-01 – 2026-10-31."),
    (9, "Barkod", "The same store, product and date as row 2."),
    (10, "Məbləğ", "Sales value 60.00 differs from units × shelf price (51.00) by more "
                   "than 2.00 %."),
    (11, "Satılan say", "“bir” is not a number."),
    (12, "Satılan say", "This cell is empty."),
    (13, "Mağaza kodu", "Unknown store code “=cmd|'/c calc'!A1” for Bazar Market."),
    (14, "Mağaza kodu", "Unknown store code “Базар Маркет Гянджа” for Bazar Market."),
]


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    core_demo.seed()
    demo.seed()
    demo_products.seed()
    demo_history.seed()
    demo_retail.seed()
    return demo_sales.seed()


def test_the_example_files_import_into_the_demo(seeded, settings):
    settings.LANGUAGE_CODE = "en"  # a report nobody uploaded is checked in the default language
    bzr = RetailChain.objects.get(code="BZR")
    errors = upload(bzr, (FIXTURES / "sales-with-errors.csv").read_bytes(), period=OCTOBER)
    errors.refresh_from_db()
    assert (errors.row_count, errors.error_count) == (13, 12)
    assert [(p["row"], p["column"], p["message"]) for p in errors.problems] == ERRORS

    xlsx = upload(bzr, (FIXTURES / "sales-clean.xlsx").read_bytes(), name="sales-clean.xlsx",
                  period=OCTOBER)
    xlsx.refresh_from_db()
    assert (xlsx.row_count, xlsx.problems) == (10, [])

    clean = upload(bzr, (FIXTURES / "sales-clean.csv").read_bytes(), period=OCTOBER)
    clean.refresh_from_db()
    assert (clean.row_count, clean.problems) == (10, [])
    commit(clean)
    assert clean.status == "imported"
    assert SalesRecord.objects.filter(sales_import=clean).count() == 10
    assert sum(r.value for r in clean.records.all()) == Decimal("234.60")


def test_the_documented_command_imports_the_clean_file(seeded, capsys):
    call_command("import_sales", str(FIXTURES / "sales-clean.csv"), "--chain", "BZR",
                 "--month", "2026-10")
    assert "Imported 10 rows" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("import_sales", str(FIXTURES / "sales-with-errors.csv"), "--chain",
                     "BZR", "--month", "2026-10")


def months_back(day, count):
    months = [day.replace(day=1)]
    for _ in range(count):
        months.append(previous_month(months[-1]))
    return sorted(months[1:])


def test_the_demo_imports_several_months_for_both_chains(seeded):
    today = timezone.localdate()
    months = defaultdict(set)
    for code, start, end in SalesImport.objects.filter(status="imported").values_list(
            "chain__code", "period_start", "period_end"):
        assert start.day == 1 and end < today
        months[code].add(start)
    # The history's first deliveries are 3 to 4 months before the last full month.
    for code in ("BZR", "YSB"):
        assert set(months_back(today, 3)) <= months[code] <= set(months_back(today, 5)) | {
            today.replace(day=1)}, code
    # Every family with history sold in every month the demo reports for both chains.
    sold = SalesRecord.objects.values_list("product__family__enterprise__name", flat=True)
    assert len(set(sold)) == 5
    assert SalesRecord.objects.filter(sold_on__lt=months_back(today, 3)[0]).exists()


def test_the_demo_sales_follow_the_deliveries(seeded):
    today = timezone.localdate()
    imports = SalesImport.objects.filter(status="imported")
    assert set(imports.values_list("chain__code", flat=True)) <= {"BZR", "YSB"}
    assert not RetailChain.objects.exclude(code__in=("BZR", "YSB")).exists()
    assert RetailChain.objects.get(code="YSB").column_map["store"] == "Store"
    assert RetailChain.objects.get(code="BZR").column_map["store"] == "Mağaza kodu"
    rows = [row for row in reconciliation() if row["sold"]]
    assert rows, "the demo sells what it delivered"
    for row in rows:
        assert row["sold"] <= row["delivered"] - row["returned"]
        assert row["difference"] in (0, -demo_sales.DIFFERENCE)  # reported − expected
    flagged = [row for row in rows if row["flagged"]]
    assert 3 <= len(flagged) <= len(rows) // 4  # a few differences
    for record in SalesRecord.objects.select_related("contract_item"):
        assert record.value == record.units * record.contract_item.shelf_price
    last = previous_month(today)
    families = set(SalesRecord.objects.filter(sold_on__gte=last, sold_on__lt=today.replace(
        day=1)).values_list("product__family", flat=True))
    assert set(FamilyStatement.objects.filter(month=last).values_list(
        "family", flat=True)) == families
    assert sorted(FamilyStatement.objects.filter(month=last).values_list(
        "family__enterprise__name", flat=True)) == [
        "Balakən Fındığı", "Lənkəran Çay Bağı", "Qafarovların Şəki Pendiri",
        "Quba Mürəbbə Evi", "Quba Xalçası"]
    again = demo_sales.seed()
    assert again == "0 sales rows in 0 reports imported, 0 statements"
