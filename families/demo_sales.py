"""Demo sales (seed_demo, order 40): the retail demo's two chains (BZR and YSB, see
families.demo_retail) report what their stores sold of the products delivered to them,
month by month from the first delivery up to yesterday, each report in the chain's own
columns and imported through the sales import service; then last month's statements.

What a store sells is what was delivered to it: units at the contract's shelf price,
never more than delivered − returned, the stock on hand after each sale exactly the
running figure — except a few (store, product) pairs whose latest report shows
DIFFERENCE units fewer (a broken jar), so the reconciliation has differences to show.
Nothing is created here: without the retail demo's deliveries there are no sales.
Idempotent: a month already imported for a chain is skipped."""

import csv
import datetime
import io
from collections import defaultdict
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from core.demo import SEED_HOOK
from families.demo_retail import CHAINS
from families.models import (
    ContractItem,
    Delivery,
    DeliveryLine,
    Family,
    RetailChain,
    RetailContract,
    ReturnLine,
    SalesImport,
)
from families.selectors.sales import month_bounds, previous_month

DIFFERENCE = 2  # units missing from the shelf in the pairs with a stock difference
RESERVE = DIFFERENCE  # a store keeps this many on the shelf: never sells out
EVERY = 3  # a store sells a product every third day
DIFFERENT = 7  # one (store, product) pair in DIFFERENT has a stock difference


def _listings(chain):
    """product id → [(from, to, shelf price)] of the chain's active contracts."""
    listings = defaultdict(list)
    for product_id, starts, ends, price in ContractItem.objects.filter(
            contract__chain=chain, contract__status=RetailContract.Status.ACTIVE,
    ).values_list("product_id", "contract__starts_on", "contract__ends_on", "shelf_price"):
        listings[product_id].append((starts, ends, price))
    return listings


def _price(listings, product_id, day):
    for starts, ends, price in listings.get(product_id, ()):
        if starts <= day <= ends:
            return price
    return None


def sales_rows(chain, until):
    """The chain's sales up to `until`, as report rows (store code, GTIN, day, units,
    value, stock on hand), ordered by day, store and product."""
    delivered = defaultdict(lambda: defaultdict(Decimal))
    for store_id, code, product_id, gtin, day, quantity in DeliveryLine.objects.filter(
            delivery__contract__chain=chain, delivery__status=Delivery.Status.DELIVERED,
            product__gtin__isnull=False, delivery__delivered_on__lt=until,
    ).values_list("delivery__store_id", "delivery__store__code", "product_id", "product__gtin",
                  "delivery__delivered_on", "quantity"):
        delivered[(store_id, code, product_id, gtin)][day] += quantity
    returned = defaultdict(Decimal)  # all returns, later ones too: never sell what goes back
    for store_id, product_id, quantity in ReturnLine.objects.filter(
            store_return__store__chain=chain).values_list(
            "store_return__store_id", "product_id", "quantity"):
        returned[(store_id, product_id)] += quantity
    returns_by_day = defaultdict(Decimal)
    for store_id, product_id, day, quantity in ReturnLine.objects.filter(
            store_return__store__chain=chain).values_list(
            "store_return__store_id", "product_id", "store_return__returned_on", "quantity"):
        returns_by_day[(store_id, product_id, day)] += quantity
    listings = _listings(chain)
    rows = []
    for n, key in enumerate(sorted(delivered, key=lambda k: (k[1], k[3]))):
        store_id, code, product_id, gtin = key
        days = delivered[key]
        day = min(days) + datetime.timedelta(days=1)
        received = sum((q for d, q in days.items() if d < day), Decimal(0))
        back = sold = Decimal(0)
        pair_rows = []
        fresh = False  # a delivery came since the pair's last row
        while day < until:
            fresh = fresh or day in days
            received += days.get(day, Decimal(0))
            back += returns_by_day.get((store_id, product_id, day), Decimal(0))
            available = received - returned[(store_id, product_id)] - sold - RESERVE
            price = _price(listings, product_id, day)
            # Every third day, and on the last day when a delivery came since the last
            # sale, so the last reported stock counts every delivery.
            selling = ((day - min(days)).days % EVERY == 0
                       or (fresh and day == until - datetime.timedelta(days=1)))
            if selling and available > 0 and price is not None:
                units = min(available, Decimal(1 + (day.toordinal() + n * 5) % 4))
                sold += units
                fresh = False
                pair_rows.append([code, gtin, day, units, price * units,
                                  received - back - sold])
            day += datetime.timedelta(days=1)
        if pair_rows and n % DIFFERENT == 1:  # a broken jar nobody booked
            pair_rows[-1][5] -= DIFFERENCE
        rows.extend(pair_rows)
    rows.sort(key=lambda row: (row[2], row[0], row[1]))
    return rows


def _number(value):
    return str(int(value)) if value == value.to_integral_value() else str(value).replace(".", ",")


def report_bytes(chain, rows):
    """A chain's report as its staff would send it: its own column names, `;`, comma
    decimals."""
    columns = chain.column_map
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([columns[key] for key in ("store", "product", "date", "units", "value",
                                              "stock")])
    for store, gtin, day, units, value, stock in rows:
        writer.writerow([store, gtin, day.isoformat(), _number(units),
                         f"{value:.2f}".replace(".", ","), _number(stock)])
    return out.getvalue().encode("utf-8")


def import_report(chain, first, last, rows, actor=None):
    """Import one report through the services (upload, check, commit); skipped when a
    report starting that day is imported already. Returns the rows imported."""
    from families.services.sales import (
        sales_import_check,
        sales_import_commit,
        sales_import_commit_request,
        sales_import_upload,
    )

    if not rows or SalesImport.objects.filter(chain=chain, period_start=first,
                                              status=SalesImport.Status.IMPORTED).exists():
        return 0
    name = f"{chain.code.lower()}-{first:%Y-%m}.csv"
    with transaction.atomic():
        sales_import = sales_import_upload(
            chain=chain, period_start=first, period_end=last,
            file=ContentFile(report_bytes(chain, rows), name=name), user=actor, enqueue=False)
    sales_import_check(sales_import_id=sales_import.pk)
    sales_import.refresh_from_db()
    if sales_import.error_count:
        raise RuntimeError(f"demo report {name} has problems: {sales_import.problems[:3]}")
    sales_import_commit_request(sales_import=sales_import, actor=actor, enqueue=False)
    return sales_import_commit(sales_import_id=sales_import.pk) or 0


def seed(*, size="small", today=None):
    from core.demo import DEMO_ACTOR, demo_user
    from families.selectors.sales import families_with_sales
    from families.services.statements import statement_issue

    today = today or timezone.localdate()
    actor = demo_user(DEMO_ACTOR)
    imported = reports = 0
    for chain in RetailChain.objects.filter(code__in=[row[0] for row in CHAINS]).order_by(
            "code"):
        by_month = defaultdict(list)
        for row in sales_rows(chain, today):
            by_month[row[2].replace(day=1)].append(row)
        for month, rows in sorted(by_month.items()):
            first, last = month_bounds(month)
            count = import_report(chain, first, min(last, today - datetime.timedelta(days=1)),
                                  rows, actor)
            imported += count
            reports += bool(count)
    statements = 0
    last_month = previous_month(today)
    for family in Family.objects.filter(pk__in=list(families_with_sales(last_month))):
        if not family.statements.filter(month=last_month).exists():
            statement_issue(family=family, month=last_month)
            statements += 1
    return f"{imported} sales rows in {reports} reports imported, {statements} statements"


@hooks.register(SEED_HOOK, order=40)
def seed_sales(stdout, size):
    stdout.write(f"families sales: {seed(size=size)}.")
