"""From uploaded bytes to a header and rows. Every failure is a ReportUnreadable with a
message for the person who uploaded the file; nothing here crashes on junk input."""

import csv
import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import DomainError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
FIRST_DATA_ROW = 2  # row numbers are the spreadsheet's: the header is row 1


class ReportUnreadable(DomainError):
    pass


def max_bytes():
    return getattr(settings, "YUVA_SALES_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_size(size):
    """Refuse a file over the limit before reading any of it."""
    limit = max_bytes()
    if size > limit:
        raise ReportUnreadable(
            _("The file is %(size)s MB; sales reports up to %(limit)s MB can be imported. "
              "Split the report by period.")
            % {"size": round(size / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024)},
            field="file")


def decode_text(data):
    """UTF-8 (with or without BOM), else Windows-1251; binary content is refused."""
    head = data[:65536]
    if any(byte < 32 and byte not in b"\r\n\t" for byte in head):
        raise ReportUnreadable(_("This is not a CSV or XLSX file (it holds binary data)."),
                               field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError as exc:
            raise ReportUnreadable(
                _("The file is neither UTF-8 nor Windows-1251 text."), field="file") from exc
    return text


def sniff_delimiter(text):
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _csv_rows(data):
    text = decode_text(data)
    if not text.strip():
        raise ReportUnreadable(_("The file is empty."), field="file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ReportUnreadable(_("The CSV file could not be read: %(error)s")
                               % {"error": exc}, field="file") from exc
    return rows


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as exc:
        raise ReportUnreadable(_("The XLSX file could not be read."), field="file") from exc
    return rows


def read_table(data):
    """(header, rows): the header as stripped text, each row a list of cells (text for
    CSV; text, numbers or dates for XLSX). Blank rows are kept as empty lists so row
    numbers stay the spreadsheet's."""
    rows = _xlsx_rows(data) if data[:4] == XLSX_MAGIC else _csv_rows(data)
    if not rows:
        raise ReportUnreadable(_("The file is empty."), field="file")
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    return header, rows[1:]


def column_positions(header, column_map):
    """Map each figure (store, product, date, units, value, stock) to its column index,
    matching the chain's column names without regard to case. A missing required
    column is refused; the stock column may be absent."""
    lowered = {name.lower(): index for index, name in enumerate(header)}
    positions, missing = {}, []
    for key, name in column_map.items():
        index = lowered.get(str(name).strip().lower())
        if index is None:
            if key != "stock":
                missing.append(str(name))
            continue
        positions[key] = index
    if missing:
        raise ReportUnreadable(
            _("The file has no column %(columns)s (its columns are: %(found)s). Check the "
              "chain's sales report columns.")
            % {"columns": ", ".join(f"“{name}”" for name in missing),
               "found": ", ".join(header) or "—"}, field="file")
    return positions
