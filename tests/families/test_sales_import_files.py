"""Sales import of awkward files: Windows-1251 with Cyrillic store names, UTF-8 with a
BOM, XLSX, binary junk, an empty file, a file over the size limit (refused before it
is read)."""

import io
import os

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from openpyxl import Workbook

from core.errors import DomainError
from families.models import SalesImport
from families.sales_import.reading import read_table
from tests.factories.products import StoreFactory
from tests.factories.sales import report, sales_setup, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def english_reports(settings):
    """Problems are stored in the uploader's language; these uploads have no uploader,
    so the site's default language, English here."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def setup():
    return sales_setup()


def test_windows_1251_with_cyrillic_store_codes(setup):
    StoreFactory(chain=setup["chain"], code="МАГ-1", name="Магазин Низами")
    data = report(f"МАГ-1;{setup['jam'].gtin};2026-01-05;3;21,00;5", encoding="cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    sales_import = upload(setup["chain"], data)
    sales_import.refresh_from_db()
    assert (sales_import.status, sales_import.row_count, sales_import.problems) == (
        "checked", 1, [])


def test_windows_1251_unknown_cyrillic_store_named_in_the_message(setup):
    data = report(f"НЕТ;{setup['jam'].gtin};2026-01-05;3;21,00;5", encoding="cp1251")
    sales_import = upload(setup["chain"], data)
    sales_import.refresh_from_db()
    assert sales_import.problems[0]["message"] == "Unknown store code “НЕТ” for Bazar Store."


def test_utf8_with_bom(setup):
    data = b"\xef\xbb\xbf" + report(f"B001,{setup['jam'].gtin},2026-01-05,3,21.00,5",
                                    header="store_code,gtin,date,units_sold,sales_value,"
                                           "stock_on_hand")
    sales_import = upload(setup["chain"], data)
    sales_import.refresh_from_db()
    assert (sales_import.status, sales_import.row_count, sales_import.error_count) == (
        "checked", 1, 0)


def test_xlsx(setup):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["store_code", "gtin", "date", "units_sold", "sales_value", "stock_on_hand"])
    import datetime
    sheet.append(["B001", int(setup["jam"].gtin), datetime.datetime(2026, 1, 5), 3, 21.0, 5])
    sheet.append(["B002", setup["cheese"].gtin, "2026-01-06", 1, -12.5, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sales_import = upload(setup["chain"], buffer.getvalue(), name="report.xlsx")
    sales_import.refresh_from_db()
    assert (sales_import.row_count, sales_import.problems) == (2, [
        {"row": 3, "column": "sales_value",
         "message": "The sales value cannot be negative (-12.5)."},
    ])


@pytest.mark.parametrize("data, message", [
    (bytes(range(256)) * 40, "This is not a CSV or XLSX file (it holds binary data)."),
    (b"\x89PNG\r\n\x1a\n" + os.urandom(2000).replace(b"\x00", b"\x01"),
     "This is not a CSV or XLSX file (it holds binary data)."),
    (b"PK\x03\x04 not really a zip", "The XLSX file could not be read."),
    (b"", "The file is empty."),
    (b"   \n\n", "The file is empty."),
])
def test_junk_is_refused_with_a_message(setup, data, message):
    with pytest.raises(DomainError) as refused:
        upload(setup["chain"], data)
    assert refused.value.message == message
    assert SalesImport.objects.count() == 0


def test_file_over_the_limit_is_refused_before_reading(setup, tmp_path):
    """A sparse 200 MB file: refused on its size, never read."""
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    from families.services.sales import sales_import_upload

    class Unreadable(File):
        def read(self, *args):
            raise AssertionError("the file was read")

    with open(path, "rb") as handle, pytest.raises(DomainError) as refused:
        sales_import_upload(chain=setup["chain"], period_start=setup["contract"].starts_on,
                            period_end=setup["contract"].starts_on,
                            file=Unreadable(handle, name="huge.csv"))
    assert refused.value.message == ("The file is 200.0 MB; sales reports up to 50 MB can be "
                                     "imported. Split the report by period.")


def test_read_table_keeps_row_numbers_with_semicolons_and_quotes():
    header, rows = read_table(b'a;b\n"x;1";2\n\n3;4\n')
    assert (header, rows) == (["a", "b"], [["x;1", "2"], [], ["3", "4"]])


def test_content_file_upload_name(setup):
    data = report(f"B001;{setup['jam'].gtin};2026-01-05;3;21")
    from families.services.sales import sales_import_upload

    contract = setup["contract"]
    sales_import = sales_import_upload(chain=setup["chain"], period_start=contract.starts_on,
                                       period_end=contract.ends_on,
                                       file=ContentFile(data, name="dir/jan.csv"))
    assert sales_import.original_name == "jan.csv"
