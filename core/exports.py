"""Spreadsheet exports that a spreadsheet program cannot mistake for formulas (CSV
injection): a text cell starting with = + - @, a tab or a carriage return gets a
leading apostrophe. Numbers stay numbers."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """Put before Wagtail's SpreadsheetExportMixin (or a view that has it): every text
    cell of the CSV and XLSX exports is neutralised (numbers and dates are left alone)."""

    def preprocess_field_value(self, field, value, export_format):
        processed = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(processed) if isinstance(value, str) else processed
