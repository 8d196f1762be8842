"""Reads of sales: a family's sales by month, product and chain, statement figures,
imports and records for staff. Aggregation happens in the database."""

import calendar
import datetime

from django.db.models import F, Sum
from django.db.models.functions import TruncMonth

from families.models import FamilyStatement, SalesImport, SalesRecord


def month_bounds(month):
    """The first and last day of the month `month` (any day of it)."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def previous_month(day):
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def statement_figures(family, month):
    """Units and value per chain, product and contract margin of `family`'s sales in
    `month`: the statement's lines before the margin is worked out."""
    first, last = month_bounds(month)
    return (SalesRecord.objects.filter(family=family, sold_on__range=(first, last))
            .values("chain_id", "product_id",
                    margin_percent=F("contract_item__contract__margin_percent"))
            .annotate(units=Sum("units"), value=Sum("value"))
            .order_by("chain_id", "product_id", "margin_percent"))


def families_with_sales(month):
    first, last = month_bounds(month)
    return (SalesRecord.objects.filter(sold_on__range=(first, last))
            .values_list("family_id", flat=True).distinct().order_by("family_id"))


def sales_by_month(family):
    return (SalesRecord.objects.filter(family=family)
            .annotate(month=TruncMonth("sold_on"))
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


