"""Sales import: the preview catches every kind of problem with its row, column and
message; commit is all or nothing; a report imported again replaces the earlier one;
the same file is recognised. Jobs run through Celery in eager mode."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from core.errors import DomainError
from families.models import SalesImport, SalesRecord
from families.services.sales import (
    sales_import_discard,
    sales_import_retry,
)
from tests.factories.products import ContractFactory, ContractItemFactory, ProductFactory
from tests.factories.sales import JAN, commit, jobs, listed, report, sales_setup, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def english_reports(settings):
    """Problems are stored in the uploader's language; these uploads have no uploader,
    so the site's default language, English here."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def setup():
    return sales_setup()


def gtins(setup):
    return setup["jam"].gtin, setup["cheese"].gtin


def clean_report(setup):
    jam, cheese = gtins(setup)
    return report(f"B001;{jam};2026-01-05;3;21,00;10",
                  f"B001;{cheese};05.01.2026;2;25.00;4",
                  f"B002;{jam};2026-01-06;1;7;",
                  "")


def test_clean_report_checks_and_imports(setup):
    sales_import = upload(setup["chain"], clean_report(setup))
    sales_import.refresh_from_db()
    assert (sales_import.status, sales_import.row_count, sales_import.error_count,
            sales_import.problems) == ("checked", 3, 0, [])
    assert (sales_import.progress_done, sales_import.progress_total) == (4, 4)
    commit(sales_import)
    assert sales_import.status == "imported"
    rows = list(SalesRecord.objects.order_by("row_number").values_list(
        "row_number", "store__code", "product__code", "sold_on", "units", "value",
        "stock_on_hand", "family_id"))
    family = setup["family"].pk
    assert rows == [
        (2, "B001", "JAM-1", datetime.date(2026, 1, 5), Decimal("3.000"), Decimal("21.00"),
         Decimal("10.000"), family),
        (3, "B001", "CHEESE-1", datetime.date(2026, 1, 5), Decimal("2.000"), Decimal("25.00"),
         Decimal("4.000"), family),
        (4, "B002", "JAM-1", datetime.date(2026, 1, 6), Decimal("1.000"), Decimal("7.00"),
         None, family),
    ]


def test_every_problem_kind_in_the_preview(setup):
    jam, cheese = gtins(setup)
    unlisted = ProductFactory(gtin="4760000000994", code="TEA-9", name_az="Çay")
    expired = ContractFactory(chain=setup["chain"], status="expired")
    ContractItemFactory(contract=expired, product=unlisted)
    data = report(
        f"X999;{jam};2026-01-05;1;7",            # 2 unknown store
        "B001;0000000000000;2026-01-05;1;7",      # 3 unknown product
        "B001;TEA-9;2026-01-05;1;7",              # 4 not under an active contract
        f"B001;{jam};2026-01-07;-2;7",            # 5 negative units
        f"B001;{jam};31.02.2026;1;7",             # 6 bad date
        f"B001;{jam};2026-02-01;1;7",             # 7 outside the period
        f"B002;{cheese};2026-01-08;1;12.50",      # 8 fine
        f"B002;{cheese};2026-01-08;1;12.50",      # 9 duplicate of 8
        f"B002;{jam};2026-01-09;2;15.00",         # 10 value 15.00 vs 14.00 (> 2 %)
        f"B002;{jam};2026-01-10;abc;7",           # 11 bad number
        f"B002;{jam};2026-01-11;1;",              # 12 empty value
        f"B001;{jam};2026-01-12;10;70,99",        # 13 within 2 % (fine)
    )
    sales_import = upload(setup["chain"], data)
    sales_import.refresh_from_db()
    assert sales_import.status == "checked"
    assert (sales_import.row_count, sales_import.error_count) == (12, 10)
    assert sales_import.problems == [
        {"row": 2, "column": "store_code", "message": "Unknown store code “X999” for Bazar Store."},
        {"row": 3, "column": "gtin", "message": "No product has the GTIN or code “0000000000000”."},
        {"row": 4, "column": "gtin",
         "message": "Çay (TEA-9) is not listed under an active contract of Bazar Store on "
                    "2026-01-05."},
        {"row": 5, "column": "units_sold", "message": "Units sold cannot be negative (-2)."},
        {"row": 6, "column": "date",
         "message": "“31.02.2026” is not a date (write YYYY-MM-DD or DD.MM.YYYY)."},
        {"row": 7, "column": "date",
         "message": "2026-02-01 is outside the report's period 2026-01-01 – 2026-01-31."},
        {"row": 9, "column": "gtin", "message": "The same store, product and date as row 8."},
        {"row": 10, "column": "sales_value",
         "message": "Sales value 15.00 differs from units × shelf price (14.00) by more than "
                    "2.00 %."},
        {"row": 11, "column": "units_sold", "message": "“abc” is not a number."},
        {"row": 12, "column": "sales_value", "message": "This cell is empty."},
    ]
    with pytest.raises(DomainError) as refused:
        commit(sales_import)
    assert refused.value.message == "Only a checked report without problems can be imported."
    assert SalesRecord.objects.count() == 0


def test_commit_is_all_or_nothing(setup, monkeypatch):
    """A failure in the second batch leaves no record of the first."""
    from families.sales_import import committing

    jam, _cheese = gtins(setup)
    lines = [f"B001;{jam};2026-01-{day:02d};1;7" for day in range(1, 6)]
    sales_import = upload(setup["chain"], report(*lines))
    sales_import.refresh_from_db()
    monkeypatch.setattr(committing, "BATCH_SIZE", 2)
    calls = []
    real = SalesRecord.objects.bulk_create

    def failing(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(SalesRecord.objects, "bulk_create", failing)
    commit(sales_import)
    assert calls == [2, 2]
    assert (sales_import.status, sales_import.error) == ("failed", "RuntimeError: disk full")
    assert SalesRecord.objects.count() == 0
    # a failed job is retried: checked again, then imported
    monkeypatch.setattr(SalesRecord.objects, "bulk_create", real)
    jobs(sales_import_retry, sales_import=sales_import)
    sales_import.refresh_from_db()
    assert sales_import.status == "checked"
    commit(sales_import)
    assert SalesRecord.objects.count() == 5


def test_reimport_replaces_the_earlier_import(setup):
    jam, _cheese = gtins(setup)
    first = upload(setup["chain"], report(f"B001;{jam};2026-01-05;3;21"))
    commit(first)
    second = upload(setup["chain"], report(f"B001;{jam};2026-01-05;4;28",
                                           f"B002;{jam};2026-01-05;1;7"))
    commit(second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.replaces_id) == ("replaced", "imported",
                                                                  first.pk)
    assert list(SalesRecord.objects.values_list("sales_import_id", "units")
                .order_by("row_number")) == [(second.pk, Decimal("4.000")),
                                             (second.pk, Decimal("1.000"))]


def test_same_file_is_recognised(setup):
    data = clean_report(setup)
    first = upload(setup["chain"], data)
    with pytest.raises(DomainError) as waiting:
        upload(setup["chain"], data)
    assert waiting.value.message.startswith("This file was already uploaded on ")
    assert waiting.value.message.endswith(
        f"for the period 2026-01-01 – 2026-01-31 and waits in import #{first.pk}.")
    commit(first)
    with pytest.raises(DomainError) as imported:
        upload(setup["chain"], data)
    assert imported.value.message.endswith(
        f"for the period 2026-01-01 – 2026-01-31 (import #{first.pk}).")
    assert SalesImport.objects.count() == 1


def test_discarded_file_may_be_uploaded_again(setup):
    first = upload(setup["chain"], clean_report(setup))
    sales_import_discard(sales_import=first)
    second = upload(setup["chain"], clean_report(setup))
    assert SalesImport.objects.get(pk=second.pk).status == "checked"


def test_product_code_and_column_map(setup):
    chain = setup["chain"]
    chain.column_map = {"store": "Mağaza", "product": "Kod", "date": "Tarix",
                        "units": "Say", "value": "Məbləğ", "stock": "Qalıq"}
    chain.save()
    data = report("CHEESE-1,B002,2026-01-20,3,\"37,50\"", header="Kod,Mağaza,Tarix,Say,Məbləğ")
    sales_import = upload(chain, data)
    commit(sales_import)
    record = SalesRecord.objects.get()
    assert (record.product_id, record.value, record.stock_on_hand) == (
        setup["cheese"].pk, Decimal("37.50"), None)


def test_missing_column_is_refused_at_upload(setup):
    with pytest.raises(DomainError) as refused:
        upload(setup["chain"], report("B001;x", header="store_code;gtin"))
    assert refused.value.message == (
        "The file has no column “date”, “units_sold”, “sales_value” (its columns are: "
        "store_code, gtin). Check the chain's sales report columns.")


def test_not_under_contract_on_that_date(setup):
    """A contract that starts mid-month lists the product only from then on."""
    tea = listed(ContractFactory(chain=setup["chain"], starts_on=datetime.date(2026, 1, 15)),
                 gtin="4760000000031", code="TEA-1", name_az="Çay")
    data = report(f"B001;{tea.gtin};2026-01-14;1;7", f"B001;{tea.gtin};2026-01-15;1;7")
    sales_import = upload(setup["chain"], data)
    sales_import.refresh_from_db()
    assert [p["row"] for p in sales_import.problems] == [2]


def test_command_reports_problems_and_imports(setup, tmp_path, capsys):
    jam, _cheese = gtins(setup)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(report(f"X1;{jam};2026-01-05;1;7"))
    with pytest.raises(SystemExit) as exited:
        call_command("import_sales", str(bad), "--chain", "BAZAR", "--month", "2026-01")
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == ["1 rows, 1 with problems.", "row\tcolumn\tproblem",
                                    "2\tstore_code\tUnknown store code “X1” for Bazar Store."]
    good = tmp_path / "good.csv"
    good.write_bytes(clean_report(setup))
    call_command("import_sales", str(good), "--chain", "BAZAR", "--period-start",
                 "2026-01-01", "--period-end", "2026-01-31")
    out = capsys.readouterr().out
    latest = SalesImport.objects.get(status="imported")
    assert out.splitlines() == ["3 rows, 0 with problems.",
                                f"Imported 3 rows (import #{latest.pk})."]
    assert SalesRecord.objects.count() == 3
    assert (latest.period_start, latest.period_end) == JAN
