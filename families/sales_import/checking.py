"""Each row's problems, and the records to write when there are none.

A row may have several problems; each is {"row", "column", "message"} with the
spreadsheet's row number (the header is row 1) and the column's name in the file."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from families.models import ContractItem, Product, RetailContract, Store
from families.sales_import.reading import FIRST_DATA_ROW, column_positions

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d")
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class BadValue(ValueError):
    pass


def parse_decimal(raw):
    """A number as people and spreadsheets write it: 12.5, 12,5, 1 234,50, 1.234,50."""
    if isinstance(raw, bool):
        raise BadValue
    if isinstance(raw, (int, float, Decimal)):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        text = (text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".")
                else text.replace(",", ""))
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise BadValue from exc
    if not value.is_finite():
        raise BadValue
    return value


def parse_date(raw):
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).strip()
    if len(text) == 10 and text[4] == "-":  # ISO, the usual case: the fast parser
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadValue


def cell_text(raw):
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


@dataclass
class Lookups:
    """What a check needs from the database, loaded once per import."""

    stores: dict  # code → Store id
    products: dict  # GTIN or product code → (product id, family id, label)
    listings: dict = field(default_factory=dict)  # product id → [(from, to, item id, price)]

    @classmethod
    def load(cls, chain, period_start, period_end):
        stores = dict(Store.objects.filter(chain=chain).values_list("code", "pk"))
        products = {}
        for pk, family_id, code, gtin, name in Product.objects.values_list(
                "pk", "family_id", "code", "gtin", "name_az"):
            entry = (pk, family_id, f"{name} ({code})")
            products[code] = entry
            if gtin:
                products[gtin] = entry
        listings = {}
        items = ContractItem.objects.filter(
            contract__chain=chain, contract__status=RetailContract.Status.ACTIVE,
            contract__starts_on__lte=period_end, contract__ends_on__gte=period_start,
        ).values_list("product_id", "contract__starts_on", "contract__ends_on", "pk",
                      "shelf_price")
        for product_id, starts, ends, item_id, price in items:
            listings.setdefault(product_id, []).append((starts, ends, item_id, price))
        return cls(stores=stores, products=products, listings=listings)

    def listing(self, product_id, day):
        for starts, ends, item_id, price in self.listings.get(product_id, ()):
            if starts <= day <= ends:
                return item_id, price
        return None


@dataclass
class CheckResult:
    row_count: int = 0
    error_rows: int = 0
    problems: list = field(default_factory=list)
    records: list = field(default_factory=list)  # dicts of SalesRecord fields


def check_rows(*, chain, period_start, period_end, header, rows, progress=None,
               progress_every=2000):
    """Check every row; `progress(done, total)` is called every `progress_every` rows."""
    positions = column_positions(header, chain.column_map)
    names = {key: header[index] for key, index in positions.items()}
    lookups = Lookups.load(chain, period_start, period_end)
    tolerance = chain.value_tolerance
    result = CheckResult()
    seen = {}
    total = len(rows)
    dates = {"start": period_start.isoformat(), "end": period_end.isoformat()}

    def cell(row, key):
        index = positions.get(key)
        if index is None or index >= len(row):
            return None
        value = row[index]
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    for offset, row in enumerate(rows):
        number = FIRST_DATA_ROW + offset
        if progress and offset and offset % progress_every == 0:
            progress(offset, total)
        if not any(cell_text(value) for value in row):
            continue  # a blank line is not a row
        result.row_count += 1
        problems = []

        def problem(key, message, number=number, problems=problems):
            problems.append({"row": number, "column": names.get(key, key), "message": message})

        values = {}
        for key in ("store", "product", "date", "units", "value"):
            if cell(row, key) is None:
                problem(key, _("This cell is empty."))
        raw_store, raw_product = cell(row, "store"), cell(row, "product")
        store_id = product = None
        if raw_store is not None:
            store_id = lookups.stores.get(cell_text(raw_store))
            if store_id is None:
                problem("store", _("Unknown store code “%(code)s” for %(chain)s.")
                        % {"code": cell_text(raw_store), "chain": chain.name})
        if raw_product is not None:
            product = lookups.products.get(cell_text(raw_product))
            if product is None:
                problem("product", _("No product has the GTIN or code “%(code)s”.")
                        % {"code": cell_text(raw_product)})
        day = None
        if cell(row, "date") is not None:
            try:
                day = parse_date(cell(row, "date"))
            except BadValue:
                problem("date", _("“%(value)s” is not a date (write YYYY-MM-DD or DD.MM.YYYY).")
                        % {"value": cell_text(cell(row, "date"))})
            else:
                if not period_start <= day <= period_end:
                    problem("date", _("%(date)s is outside the report's period "
                                      "%(start)s – %(end)s.")
                            % {"date": day.isoformat(), **dates})
                    day = None
        for key in ("units", "value", "stock"):
            raw = cell(row, key)
            if raw is None:
                continue
            try:
                values[key] = parse_decimal(raw)
            except BadValue:
                problem(key, _("“%(value)s” is not a number.") % {"value": cell_text(raw)})
        units, value = values.get("units"), values.get("value")
        if units is not None and units < 0:
            problem("units", _("Units sold cannot be negative (%(units)s).")
                    % {"units": cell_text(cell(row, "units"))})
        if value is not None and value < 0:
            problem("value", _("The sales value cannot be negative (%(value)s).")
                    % {"value": cell_text(cell(row, "value"))})
        listing = None
        if product is not None and day is not None:
            listing = lookups.listing(product[0], day)
            if listing is None:
                problem("product", _("%(product)s is not listed under an active contract of "
                                     "%(chain)s on %(date)s.")
                        % {"product": product[2], "chain": chain.name, "date": day.isoformat()})
        if store_id is not None and product is not None and day is not None:
            key = (store_id, product[0], day)
            if key in seen:
                problem("product", _("The same store, product and date as row %(row)s.")
                        % {"row": seen[key]})
            else:
                seen[key] = number
        if (listing is not None and units is not None and value is not None and units >= 0
                and value >= 0):
            expected = (units * listing[1]).quantize(CENT, rounding=ROUND_HALF_UP)
            allowed = expected * tolerance / HUNDRED
            if abs(value - expected) > allowed:
                problem("value", _("Sales value %(value)s differs from units × shelf price "
                                   "(%(expected)s) by more than %(tolerance)s %%.")
                        % {"value": value, "expected": expected, "tolerance": tolerance})
        if problems:
            result.error_rows += 1
            result.problems.extend(problems)
            continue
        result.records.append({
            "store_id": store_id, "product_id": product[0], "family_id": product[1],
            "contract_item_id": listing[0], "sold_on": day, "units": units,
            "value": value.quantize(CENT, rounding=ROUND_HALF_UP),
            "stock_on_hand": values.get("stock"), "row_number": number,
        })
    if progress:
        progress(total, total)
    return result
