"""Demo sales (seed_demo, order 40): the last three full months of sales reports of two
chains, imported through the sales import service, and last month's statements.

The chains, stores, products and contracts come from the products (order 20) and retail
(order 30) seeds; the minimum is created here, under the same codes, when they are
missing (see DEMO_* below). The example files in families/fixtures/ use these codes.
A few rows report a stock on hand two units below the running figure, so the
reconciliation has differences to show."""

import csv
import datetime
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from core.demo import SEED_HOOK
from families.models import (
    Brand,
    ContractItem,
    Family,
    Product,
    RetailChain,
    RetailContract,
    SalesImport,
    Store,
)
from families.selectors.sales import month_bounds, previous_month

# chain code, name, margin %, contract number, column names of its report
DEMO_CHAINS = (
    ("BAZAR", "Bazar Store", Decimal("20.00"), "ABAD-RC-DEMO-01", None),
    ("ARAZ", "Araz Supermarket", Decimal("18.00"), "ABAD-RC-DEMO-02",
     {"store": "Mağaza", "product": "Barkod", "date": "Tarix", "units": "Satış",
      "value": "Məbləğ", "stock": "Qalıq"}),
)
# chain code, store code, name, region
DEMO_STORES = (
    ("BAZAR", "B001", "Bazar Store Nizami", "baku"),
    ("BAZAR", "B002", "Bazar Store Gənclik", "baku"),
    ("BAZAR", "B003", "Bazar Store Gəncə", "ganja"),
    ("ARAZ", "A01", "Araz Şəki", "sheki"),
    ("ARAZ", "A02", "Araz Quba", "guba"),
)
# family (enterprise name), product code, GTIN, category, az, en, ru, size, unit, price
DEMO_PRODUCTS = (
    ("Quba Mürəbbə Evi", "ABAD-JAM-01", "4760123000016", "jam", "Heyva mürəbbəsi",
     "Quince jam", "Айвовое варенье", "450", "g", Decimal("6.50")),
    ("Quba Mürəbbə Evi", "ABAD-JAM-02", "4760123000023", "jam", "Zoğal mürəbbəsi",
     "Cornelian cherry jam", "Кизиловое варенье", "450", "g", Decimal("7.20")),
    ("Qafarovların Şəki Pendiri", "ABAD-CHS-01", "4760123000030", "cheese", "Motal pendiri",
     "Motal cheese", "Сыр мотал", "500", "g", Decimal("12.50")),
    ("Lənkəran Çay Bağı", "ABAD-TEA-01", "4760123000047", "tea", "Lənkəran qara çayı",
     "Lankaran black tea", "Ленкоранский чёрный чай", "250", "g", Decimal("5.80")),
)


def _ensure_retail(today):
    """The chains, stores, products and contracts the sales need, where missing."""
    chains = {}
    for code, name, _margin, _number, columns in DEMO_CHAINS:
        chain = RetailChain.objects.filter(code=code).first()
        if chain is None:
            chain = RetailChain.objects.create(code=code, name=name,
                                               **({"column_map": columns} if columns else {}))
        chains[code] = chain
    for chain_code, code, name, region in DEMO_STORES:
        if not Store.objects.filter(chain=chains[chain_code], code=code).exists():
            Store.objects.create(chain=chains[chain_code], code=code, name=name,
                                 address=f"{name}", region=region)
    families = {f.enterprise.name: f for f in Family.objects.select_related("enterprise")
                .filter(enterprise__name__in={row[0] for row in DEMO_PRODUCTS})}
    products = []
    for family_name, code, gtin, category, az, en, ru, size, unit, price in DEMO_PRODUCTS:
        product = Product.objects.filter(code=code).first()
        if product is None:
            family = families.get(family_name)
            if family is None:
                continue
            brand = Brand.objects.filter(family=family).first() or Brand.objects.create(
                family=family, name=family_name)
            product = Product.objects.create(
                family=family, brand=brand, code=code, category=category, name_az=az,
                name_en=en, name_ru=ru, net_quantity=Decimal(size), net_unit=unit,
                shelf_life_days=365, recommended_price=price, gtin=gtin,
                status=Product.Status.LISTED)
        products.append(product)
    for code, _name, margin, number, _columns in DEMO_CHAINS:
        contract = (RetailContract.objects.filter(chain=chains[code],
                                                  status=RetailContract.Status.ACTIVE).first()
                    or RetailContract.objects.filter(number=number).first())
        if contract is None:
            contract = RetailContract.objects.create(
                chain=chains[code], number=number, starts_on=datetime.date(2025, 1, 1),
                ends_on=today + datetime.timedelta(days=365),
                status=RetailContract.Status.ACTIVE, margin_percent=margin,
                signed_on=datetime.date(2024, 12, 20))
        for product in products:
            if not ContractItem.objects.filter(contract__chain=chains[code],
                                               product=product).exists():
                ContractItem.objects.create(
                    contract=contract, product=product,
                    wholesale_price=(product.recommended_price * Decimal("0.75")).quantize(
                        Decimal("0.01")),
                    shelf_price=product.recommended_price)
    return chains


def report_rows(chain, month):
    """A month's report rows: every listed product in every store of the chain, once
    a week, units varying with the day and store (deterministic)."""
    first, last = month_bounds(month)
    items = list(ContractItem.objects.filter(
        contract__chain=chain, contract__status=RetailContract.Status.ACTIVE,
        contract__starts_on__lte=first, contract__ends_on__gte=last,
        product__gtin__isnull=False).select_related("product").order_by("product__code"))
    stores = list(Store.objects.filter(chain=chain, active=True).order_by("code"))
    rows = []
    for s, store in enumerate(stores):
        for p, item in enumerate(items):
            stock = 40
            day = first + datetime.timedelta(days=(s + p) % 7)
            n = 0
            while day <= last:
                units = 1 + (day.day * 7 + s * 3 + p * 5) % 9
                stock = max(0, stock - units)
                reported = stock - 2 if (s + p + n) % 11 == 5 else stock  # a difference
                rows.append((store.code, item.product.gtin, day, units,
                             item.shelf_price * units, max(reported, 0)))
                day += datetime.timedelta(days=7)
                n += 1
    return rows


def report_csv(chain, rows, *, delimiter=";"):
    columns = chain.column_map
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([columns["store"], columns["product"], columns["date"], columns["units"],
                     columns["value"], columns["stock"]])
    for store, gtin, day, units, value, stock in rows:
        writer.writerow([store, gtin, day.isoformat(), units,
                         f"{value:.2f}".replace(".", ","), stock])
    return out.getvalue().encode("utf-8")


def import_month(chain, month, actor=None):
    """Import the chain's demo report for `month` through the services; skipped when
    that period is imported already. Returns the number of rows imported."""
    from families.services.sales import (
        sales_import_check,
        sales_import_commit,
        sales_import_commit_request,
        sales_import_upload,
    )

    first, last = month_bounds(month)
    if SalesImport.objects.filter(chain=chain, period_start=first, period_end=last,
                                  status=SalesImport.Status.IMPORTED).exists():
        return 0
    rows = report_rows(chain, month)
    if not rows:
        return 0
    data = report_csv(chain, rows)
    name = f"{chain.code.lower()}-{first:%Y-%m}.csv"
    with transaction.atomic():
        sales_import = sales_import_upload(chain=chain, period_start=first, period_end=last,
                                           file=ContentFile(data, name=name), user=actor,
                                           enqueue=False)
    sales_import_check(sales_import_id=sales_import.pk)
    sales_import.refresh_from_db()
    if sales_import.error_count:
        return 0
    sales_import_commit_request(sales_import=sales_import, actor=actor, enqueue=False)
    return sales_import_commit(sales_import_id=sales_import.pk) or 0


def seed(*, size="small"):
    from core.demo import DEMO_ACTOR, demo_user
    from families.selectors.sales import families_with_sales
    from families.services.statements import statement_issue

    today = timezone.localdate()
    actor = demo_user(DEMO_ACTOR)
    with transaction.atomic():
        chains = _ensure_retail(today)
    months = [previous_month(today)]
    for _ in range(2):
        months.insert(0, previous_month(months[0]))
    rows = sum(import_month(chain, month, actor) for chain in chains.values()
               for month in months)
    statements = 0
    last = months[-1]
    for family in Family.objects.filter(pk__in=list(families_with_sales(last))):
        if not family.statements.filter(month=last).exists():
            statement_issue(family=family, month=last)
            statements += 1
    return f"{rows} sales rows imported, {statements} statements"


@hooks.register(SEED_HOOK, order=40)
def seed_sales(stdout, size):
    stdout.write(f"families sales: {seed(size=size)}.")
