"""Reads of sales: a family's sales by month, product and chain, statement figures,
imports and records for staff. Aggregation happens in the database."""

import calendar
import datetime
import functools
from decimal import Decimal

from django.db import connections
from django.db.models import DateField, F, Func, Sum

from families.models import FamilyStatement, SalesImport, SalesRecord


class MonthStart(Func):
    """The first day of a date's month, with the database's own functions (Django's
    TruncMonth calls a Python function per row on SQLite, several times slower)."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date(%(expressions)s, 'start of month')",
                           **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template="CAST(date_trunc('month', %(expressions)s) AS date)", **extra)

    def as_sql(self, compiler, connection, **extra):
        if "template" not in extra:
            extra["template"] = "CAST(date_trunc('month', %(expressions)s) AS date)"
        return super().as_sql(compiler, connection, **extra)


def month_bounds(month):
    """The first and last day of the month `month` (any day of it)."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def previous_month(day):
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def statement_figures_queryset(family, month):
    """Units and value per chain, product and contract margin of `family`'s sales in
    `month`: the statement's lines before the margin is worked out."""
    first, last = month_bounds(month)
    return (SalesRecord.objects.filter(family=family, sold_on__range=(first, last))
            .values("chain_id", "product_id",
                    margin_percent=F("contract_item__contract__margin_percent"))
            .annotate(units=Sum("units"), value=Sum("value"))
            .order_by("chain_id", "product_id", "margin_percent"))


_SENTINEL_FAMILY = -987654321
_SENTINEL_DAYS = (datetime.date(1, 1, 1), datetime.date(1, 1, 2))


@functools.cache
def _compiled_statement_query(alias, vendor):
    """The ORM's SQL for statement_figures_queryset, compiled once per process and
    database: the statement of one family and month is a small indexed aggregate, and
    compiling the query would otherwise cost several times running it (the benchmark
    holds it to twice a hand-written query). Returns (sql, param slots)."""
    connection = connections[alias]
    first, last = (connection.ops.adapt_datefield_value(d) for d in _SENTINEL_DAYS)
    sql, params = (SalesRecord.objects.using(alias)
                   .filter(family_id=_SENTINEL_FAMILY, sold_on__range=_SENTINEL_DAYS)
                   .values("chain_id", "product_id",
                           margin_percent=F("contract_item__contract__margin_percent"))
                   .annotate(units=Sum("units"), value=Sum("value"))
                   .order_by("chain_id", "product_id", "margin_percent")
                   .query.sql_with_params())
    slots = []
    for param in params:
        slot = {_SENTINEL_FAMILY: "family", first: "first", last: "last"}.get(param)
        if slot is None:
            raise ValueError(f"unexpected parameter {param!r} in the statement query")
        slots.append(slot)
    return sql, tuple(slots)


def statement_figures(family, month, using="default"):
    """statement_figures_queryset's rows as dicts (chain_id, product_id,
    margin_percent, units, value as Decimal), through the query compiled once."""
    connection = connections[using]
    sql, slots = _compiled_statement_query(using, connection.vendor)
    first, last = month_bounds(month)
    values = {"family": family.pk, "first": connection.ops.adapt_datefield_value(first),
              "last": connection.ops.adapt_datefield_value(last)}
    with connection.cursor() as cursor:
        cursor.execute(sql, [values[slot] for slot in slots])
        return [{"chain_id": chain_id, "product_id": product_id,
                 "margin_percent": Decimal(str(percent)), "units": Decimal(str(units)),
                 "value": Decimal(str(value))}
                for chain_id, product_id, percent, units, value in cursor.fetchall()]


def families_with_sales(month):
    first, last = month_bounds(month)
    return (SalesRecord.objects.filter(sold_on__range=(first, last))
            .values_list("family_id", flat=True).distinct().order_by("family_id"))


def sales_by_month(family):
    return (SalesRecord.objects.filter(family=family)
            .annotate(month=MonthStart("sold_on"))
            .values("month").annotate(units=Sum("units"), value=Sum("value"))
            .order_by("-month"))


def sales_by_product(family, first, last):
    return (SalesRecord.objects.filter(family=family, sold_on__range=(first, last))
            .values("product_id", "product__code", "product__name_az", "product__name_en",
                    "product__name_ru")
            .annotate(units=Sum("units"), value=Sum("value"))
            .order_by("-value", "product__code"))


def sales_by_chain(family, first, last):
    return (SalesRecord.objects.filter(family=family, sold_on__range=(first, last))
            .values("chain_id", "chain__name")
            .annotate(units=Sum("units"), value=Sum("value"))
            .order_by("-value", "chain__name"))


def statements_of(family):
    return (FamilyStatement.objects.filter(family=family)
            .select_related("document").order_by("-month"))


def statement_for_family(*, family, pk):
    return statements_of(family).get(pk=pk)


def statement_lines(statement):
    return statement.lines.select_related("product", "chain").order_by("chain__name",
                                                                        "product__code")


def imports_for_staff():
    return SalesImport.objects.select_related("chain", "created_by", "replaces")


def records_for_staff():
    return SalesRecord.objects.select_related(
        "chain", "store", "product", "family__enterprise", "sales_import",
        "contract_item__contract")


