"""The sales benchmark (suite `sales` of `python -m benchmarks`):

    .venv/bin/python -m benchmarks sales                 # full scale
    .venv/bin/python -m benchmarks sales --scale 0.1     # a tenth of everything
    .venv/bin/python -m benchmarks sales --database-url postgres://postgres@127.0.0.1:5432/yuva_bench

On a throw-away database it writes, in bulk (raw multi-row INSERTs), 500 families with a
brand and 4 products each (2,000 products), 3 chains with 100 stores each (300 stores),
an active contract per chain listing every product, and 1,000,000 sales rows spread
over the twelve months of 2025 (one import per chain and month). Then it measures:

- importing a 100,000-row CSV report of a new month (check, then commit) through the
  services (families.services.sales), in report rows per second;
- a family's monthly statement figures (families.services.statements.statement_compute:
  grouped in the database, margin per line) against one hand-written SQL statement
  computing the same figures, timed interleaved; the figures must match, ratio ≤ 2;
- the staff sales report grouped by family and month for the year
  (families.selectors.sales_report.sales_grouped) against hand-written SQL, likewise.

`--scale` multiplies every count (families, products, stores, sales rows, import rows).
"""

import datetime
import io
import time
from decimal import Decimal

from benchmarks.common import BenchmarkError, format_table, measure

FAMILIES = 500
PRODUCTS_PER_FAMILY = 4
CHAINS = 3
STORES = 300
SALES_ROWS = 1_000_000
IMPORT_ROWS = 100_000
YEAR = 2025
BATCH = 5000


def _insert(table, columns, rows):
    """Multi-row INSERTs through the connection, BATCH rows a statement."""
    from django.db import connection

    rows = list(rows)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start:start + BATCH]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                + ", ".join([placeholders] * len(chunk)),
                [value for row in chunk for value in row])


def _ean13(twelve):
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(twelve))
    return twelve + str((10 - total % 10) % 10)


def generate(scale):
    from django.db import transaction
    from django.utils import timezone

    from core.models import Enterprise
    from families.models import (
        Brand,
        ContractItem,
        Family,
        Product,
        RetailChain,
        RetailContract,
        SalesImport,
        SalesRecord,
        Store,
    )

    started = time.perf_counter()
    n_families = max(2, round(FAMILIES * scale))
    n_stores = max(CHAINS, round(STORES * scale))
    n_rows = max(1000, round(SALES_ROWS * scale))
    with transaction.atomic():
        enterprises = Enterprise.objects.bulk_create([
            Enterprise(kind=Enterprise.Kind.FAMILY, name=f"Satış ailəsi {i:03d}", region="guba",
                       sector=Enterprise.Sector.FOOD) for i in range(n_families)])
        families = Family.objects.bulk_create([
            Family(enterprise=e, trade_kind="food", trade="jam", settlement="Quba",
                   stage=Family.Stage.SELLING) for e in enterprises])
        brands = Brand.objects.bulk_create([Brand(family=f, name=f"Brend {f.pk}")
                                            for f in families])
        products = Product.objects.bulk_create([
            Product(family=b.family, brand=b, code=f"BN-{i:03d}-{j}", category="jam",
                    name_az=f"Məhsul {i}-{j}", net_quantity=Decimal(450), net_unit="g",
                    shelf_life_days=365, recommended_price=Decimal("6.00"),
                    gtin=_ean13(f"476999{i:04d}{j:02d}"), status=Product.Status.LISTED)
            for i, b in enumerate(brands) for j in range(PRODUCTS_PER_FAMILY)], batch_size=2000)
        chains = RetailChain.objects.bulk_create([
            RetailChain(code=f"BCH{c}", name=f"Bench zənciri {c}") for c in range(CHAINS)])
        stores = Store.objects.bulk_create([
            Store(chain=chains[s % CHAINS], code=f"S{s:04d}", name=f"Mağaza {s}",
                  address="Bakı", region="baku") for s in range(n_stores)])
        contracts = RetailContract.objects.bulk_create([
            RetailContract(chain=c, number=f"BENCH-{c.code}", starts_on=datetime.date(YEAR, 1, 1),
                           ends_on=datetime.date(YEAR + 1, 12, 31),
                           status=RetailContract.Status.ACTIVE,
                           margin_percent=Decimal("15.00") + i * 5)
            for i, c in enumerate(chains)])
        items = ContractItem.objects.bulk_create([
            ContractItem(contract=k, product=p, wholesale_price=Decimal("4.50"),
                         shelf_price=Decimal("6.00") + (p.pk % 5))
            for k in contracts for p in products], batch_size=5000)
        now = timezone.now()
        imports = SalesImport.objects.bulk_create([
            SalesImport(chain=c, period_start=datetime.date(YEAR, m, 1),
                        period_end=(datetime.date(YEAR, m + 1, 1) if m < 12
                                    else datetime.date(YEAR + 1, 1, 1))
                        - datetime.timedelta(days=1),
                        original_name="bench.csv", sha256=f"{c.pk:032d}{m:032d}",
                        status=SalesImport.Status.IMPORTED, imported_at=now)
            for c in chains for m in range(1, 13)])
    item_of = {(i.contract.chain_id, i.product_id): i for i in items}
    import_of = {(i.chain_id, i.period_start.month): i.pk for i in imports}
    stores_of = {c.pk: [s for s in stores if s.chain_id == c.pk] for c in chains}
    days = [datetime.date(YEAR, 1, 1) + datetime.timedelta(days=d) for d in range(365)]
    # Each row a distinct (store, product, day): walk products × days × stores.
    rows = []
    fields = [f.column for f in SalesRecord._meta.concrete_fields if f.column != "id"]
    n = 0
    k = 0
    while n < n_rows:
        product = products[k % len(products)]
        day = days[(k // len(products)) % len(days)]
        chain = chains[k % CHAINS]
        chain_stores = stores_of[chain.pk]
        store = chain_stores[(k // (len(products) * len(days))) % len(chain_stores)]
        item = item_of[(chain.pk, product.pk)]
        units = Decimal(1 + k % 7)
        record = {"sales_import_id": import_of[(chain.pk, day.month)], "chain_id": chain.pk,
                  "store_id": store.pk, "product_id": product.pk,
                  "family_id": product.family_id, "contract_item_id": item.pk,
                  "sold_on": day, "units": units, "value": units * item.shelf_price,
                  "stock_on_hand": None, "row_number": n + 2}
        rows.append([record[c] for c in fields])
        n += 1
        k += 1
    with transaction.atomic():
        _insert(SalesRecord._meta.db_table, fields, rows)
    return {"families": families, "products": products, "stores": stores, "chains": chains,
            "items": item_of, "rows": n_rows, "seconds": time.perf_counter() - started}


def import_csv(data, n_rows):
    """A report of a new month (January of the next year) for the first chain."""
    chain = data["chains"][0]
    stores = [s for s in data["stores"] if s.chain_id == chain.pk]
    products = data["products"]
    out = io.StringIO()
    out.write("store_code;gtin;date;units_sold;sales_value;stock_on_hand\n")
    for k in range(n_rows):
        product = products[k % len(products)]
        day = datetime.date(YEAR + 1, 1, 1 + (k // len(products)) % 31)
        store = stores[(k // (len(products) * 31)) % len(stores)]
        units = 1 + k % 7
        price = data["items"][(chain.pk, product.pk)].shelf_price
        out.write(f"{store.code};{product.gtin};{day.isoformat()};{units};"
                  f"{str(units * price).replace('.', ',')};{k % 30}\n")
    return chain, out.getvalue().encode()


def import_rows(data, n_rows):
    from django.core.files.base import ContentFile

    from families.models import SalesImport
    from families.services.sales import (
        sales_import_check,
        sales_import_commit,
        sales_import_commit_request,
        sales_import_upload,
    )

    chain, payload = import_csv(data, n_rows)
    started = time.perf_counter()
    sales_import = sales_import_upload(
        chain=chain, period_start=datetime.date(YEAR + 1, 1, 1),
        period_end=datetime.date(YEAR + 1, 1, 31), file=ContentFile(payload, name="big.csv"),
        enqueue=False)
    sales_import_check(sales_import_id=sales_import.pk)
    checked = time.perf_counter()
    sales_import.refresh_from_db()
    if sales_import.status != SalesImport.Status.CHECKED or sales_import.error_count:
        raise BenchmarkError(f"import check: {sales_import.status} {sales_import.error} "
                             f"{sales_import.problems[:3]}")
    sales_import_commit_request(sales_import=sales_import, enqueue=False)
    written = sales_import_commit(sales_import_id=sales_import.pk)
    done = time.perf_counter()
    if written != n_rows:
        raise BenchmarkError(f"import wrote {written} of {n_rows} rows")
    return checked - started, done - checked, len(payload)


STATEMENT_SQL = """
SELECT r.chain_id, r.product_id, k.margin_percent, SUM(r.units), SUM(r.value)
FROM families_salesrecord r
JOIN families_contractitem i ON i.id = r.contract_item_id
JOIN families_retailcontract k ON k.id = i.contract_id
WHERE r.family_id = %s AND r.sold_on BETWEEN %s AND %s
GROUP BY r.chain_id, r.product_id, k.margin_percent
ORDER BY r.chain_id, r.product_id, k.margin_percent
"""


def statement_sql(family_id, first, last):
    from django.db import connection

    from families.services.statements import margin_of

    with connection.cursor() as cursor:
        cursor.execute(STATEMENT_SQL, [family_id, first, last])
        lines = []
        for chain_id, product_id, percent, units, value in cursor.fetchall():
            value = Decimal(str(value)).quantize(Decimal("0.01"))
            percent = Decimal(str(percent))
            margin = margin_of(value, percent)
            lines.append((chain_id, product_id, Decimal(str(units)), value, margin,
                          value - margin))
        return lines


def report_sql():
    from django.db import connection

    month = ("strftime('%%Y-%%m', r.sold_on)" if connection.vendor == "sqlite"
             else "to_char(r.sold_on, 'YYYY-MM')")
    sql = f"""
SELECT r.family_id, e.name, {month} AS month, SUM(r.units), SUM(r.value), COUNT(*)
FROM families_salesrecord r
JOIN families_family f ON f.id = r.family_id
JOIN core_enterprise e ON e.id = f.enterprise_id
WHERE r.sold_on BETWEEN %s AND %s
GROUP BY r.family_id, e.name, {month}
ORDER BY e.name, r.family_id, month
"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)])
        return cursor.fetchall()


def _report_figures_sql(rows):
    return [(family, month, Decimal(str(units)).quantize(Decimal("0.001")),
             Decimal(str(value)).quantize(Decimal("0.01")), n)
            for family, _name, month, units, value, n in rows]


def _report_figures_orm(rows):
    return [(r["family_id"], f"{r['month']:%Y-%m}", r["units"], r["value"], r["rows"])
            for r in rows]


def run(args):
    from families.models import SalesRecord
    from families.selectors.sales_report import sales_grouped
    from families.services.statements import statement_compute

    scale = getattr(args, "scale", 1.0) or 1.0
    data = generate(scale)
    n_import = max(1000, round(IMPORT_ROWS * scale))
    check_s, commit_s, size = import_rows(data, n_import)

    family = data["families"][len(data["families"]) // 2]
    first, last = datetime.date(YEAR, 6, 1), datetime.date(YEAR, 6, 30)

    def orm_statement():
        return statement_compute(family, first)

    def sql_statement():
        return statement_sql(family.pk, first, last)

    orm_lines = [(line["chain_id"], line["product_id"], line["units"], line["value"],
                  line["margin"], line["owed"]) for line in orm_statement()]
    if orm_lines != sql_statement() or not orm_lines:
        raise BenchmarkError("statement figures differ from the hand-written SQL")

    def orm_report():
        return sales_grouped(SalesRecord.objects.filter(
            sold_on__range=(datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))),
            "family_month")

    if _report_figures_orm(orm_report()) != _report_figures_sql(report_sql()):
        raise BenchmarkError("report figures differ from the hand-written SQL")

    runs = max(3, min(args.pdf_runs, 30))
    statement_times = measure([sql_statement, orm_statement], runs=runs, warmup=2)
    report_runs = max(3, min(args.pdf_runs // 3, 10))
    report_times = measure([report_sql, orm_report], runs=report_runs, warmup=1)
    st_ratio = statement_times[1].median_ms / statement_times[0].median_ms
    rp_ratio = report_times[1].median_ms / report_times[0].median_ms
    lines = [
        f"data (scale {scale:g}): {len(data['families'])} families, "
        f"{len(data['products'])} products, {len(data['stores'])} stores, "
        f"{data['rows']:,} sales rows, written in {data['seconds']:.1f} s",
        "",
        format_table(
            ["import of a report (CSV)", "rows", "MB", "seconds", "rows/s"],
            [("check (read, decode, every row's problems)", f"{n_import:,}",
              f"{size / 1e6:.1f}", f"{check_s:.2f}", f"{n_import / check_s:,.0f}"),
             ("commit (check again, write all or nothing)", f"{n_import:,}",
              f"{size / 1e6:.1f}", f"{commit_s:.2f}", f"{n_import / commit_s:,.0f}"),
             ("both", f"{n_import:,}", f"{size / 1e6:.1f}", f"{check_s + commit_s:.2f}",
              f"{n_import / (check_s + commit_s):,.0f}")],
            right_aligned={1, 2, 3, 4}),
        "",
        format_table(
            ["aggregate", "runs", "median ms", "min ms", "p90 ms", "× SQL"],
            [("statement: hand-written SQL", statement_times[0].runs,
              f"{statement_times[0].median_ms:.2f}", f"{statement_times[0].min_ms:.2f}",
              f"{statement_times[0].p90_ms:.2f}", "1.00"),
             (f"statement: statement_compute ({len(orm_lines)} lines)",
              statement_times[1].runs, f"{statement_times[1].median_ms:.2f}",
              f"{statement_times[1].min_ms:.2f}", f"{statement_times[1].p90_ms:.2f}",
              f"{st_ratio:.2f}"),
             ("report by family and month: hand-written SQL", report_times[0].runs,
              f"{report_times[0].median_ms:.1f}", f"{report_times[0].min_ms:.1f}",
              f"{report_times[0].p90_ms:.1f}", "1.00"),
             ("report by family and month: sales_grouped", report_times[1].runs,
              f"{report_times[1].median_ms:.1f}", f"{report_times[1].min_ms:.1f}",
              f"{report_times[1].p90_ms:.1f}", f"{rp_ratio:.2f}")],
            right_aligned={1, 2, 3, 4, 5}),
        f"statement / SQL = {st_ratio:.2f}, report / SQL = {rp_ratio:.2f} (at most 2: "
        f"{'yes' if max(st_ratio, rp_ratio) <= 2 else 'NO'}); the same figures: yes",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.common import suite_main

    raise SystemExit(suite_main("sales"))
