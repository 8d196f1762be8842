"""The staff sales report: sales grouped by one dimension (or by family and month),
the top products, and sell-through per delivery. One grouped query each, whatever the
number of rows.

Sell-through of a delivery (per product delivered in it): the units of that product
the chain reports sold at that store from the delivery date up to the day before the
next delivery of the same product to the same store (or up to the end of the data for
the latest one), divided by the quantity delivered (all its lots together), in per
cent. Stock left from an earlier delivery can push it above 100 %."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DateField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.models import Region
from families.models import Category, Delivery, DeliveryLine, SalesRecord
from families.selectors.sales import MonthStart

DIMENSIONS = {
    "family": (_("Family business"), ("family_id", "family__enterprise__name")),
    "product": (_("Product"), ("product_id", "product__code", "product__name_az")),
    "category": (_("Category"), ("product__category",)),
    "chain": (_("Chain"), ("chain_id", "chain__name")),
    "store": (_("Store"), ("store_id", "store__code", "store__name")),
    "region": (_("Region"), ("store__region",)),
    "month": (_("Month"), ()),
    "family_month": (_("Family business and month"), ("family_id", "family__enterprise__name")),
}
FAR_FUTURE = datetime.date(9999, 12, 31)


def _label(by, row):
    if by == "family":
        return row["family__enterprise__name"]
    if by == "product":
        return f"{row['product__name_az']} ({row['product__code']})"
    if by == "category":
        return str(Category(row["product__category"]).label)
    if by == "chain":
        return row["chain__name"]
    if by == "store":
        return f"{row['store__name']} ({row['store__code']})"
    if by == "region":
        return str(Region(row["store__region"]).label)
    if by == "month":
        return f"{row['month']:%Y-%m}"
    return f"{row['family__enterprise__name']} {row['month']:%Y-%m}"


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def sales_grouped(records, by):
    """Rows {"label", "units", "value", "rows", ...the group's fields} of `records`
    (a filtered SalesRecord queryset) grouped by `by`, largest value first (months in
    order)."""
    fields = DIMENSIONS[by][1]
    qs = records.order_by()
    if by in ("month", "family_month"):
        qs = qs.annotate(month=MonthStart("sold_on"))
        fields = (*fields, "month")
    qs = qs.values(*fields).annotate(units=Sum("units"), value=Sum("value"),
                                     rows=Count("pk"))
    if by == "month":
        qs = qs.order_by("month")
    elif by == "family_month":
        qs = qs.order_by("family__enterprise__name", "family_id", "month")
    else:
        qs = qs.order_by("-value", *fields)
    result = []
    for row in qs:
        if "month" in row:
            row["month"] = _as_date(row["month"])
        row["label"] = _label(by, row)
        # the same figures from SQLite and PostgreSQL (SQLite drops trailing zeros)
        row["units"] = Decimal(row["units"]).quantize(Decimal("0.001"))
        row["value"] = Decimal(row["value"]).quantize(Decimal("0.01"))
        result.append(row)
    return result


def top_products(records, limit=10):
    return sales_grouped(records, "product")[:limit]


def sell_through(*, date_from=None, date_to=None, chain=None, store=None, product=None,
                 family=None, limit=200):
    """Per delivery and product: delivered, sold in the window, sell-through %."""
    lines = DeliveryLine.objects.filter(delivery__status=Delivery.Status.DELIVERED)
    if date_from:
        lines = lines.filter(delivery__delivered_on__gte=date_from)
    if date_to:
        lines = lines.filter(delivery__delivered_on__lte=date_to)
    if chain:
        lines = lines.filter(delivery__store__chain=chain)
    if store:
        lines = lines.filter(delivery__store=store)
    if product:
        lines = lines.filter(product=product)
    if family:
        lines = lines.filter(product__family=family)
    next_delivery = (DeliveryLine.objects
                     .filter(delivery__status=Delivery.Status.DELIVERED,
                             delivery__store_id=OuterRef("delivery__store_id"),
                             product_id=OuterRef("product_id"),
                             delivery__delivered_on__gt=OuterRef("delivery__delivered_on"))
                     .order_by("delivery__delivered_on").values("delivery__delivered_on")[:1])
    sold = (SalesRecord.objects
            .filter(store_id=OuterRef("delivery__store_id"), product_id=OuterRef("product_id"),
                    sold_on__gte=OuterRef("delivery__delivered_on"),
                    sold_on__lt=OuterRef("window_end"))
            .order_by().values("product_id").annotate(total=Sum("units")).values("total"))
    lines = lines.annotate(window_end=Coalesce(Subquery(next_delivery),
                                               Value(FAR_FUTURE, output_field=DateField())))
    rows = (lines.values("window_end", "delivery_id", "delivery__number", "delivery__delivered_on",
                         "delivery__store_id", "delivery__store__name", "delivery__store__code",
                         "product_id", "product__code", "product__name_az")
            .annotate(delivered=Sum("quantity"), sold=Subquery(sold))
            .order_by("-delivery__delivered_on", "delivery__number", "product__code")[:limit])
    result = []
    for row in rows:
        sold_units = Decimal(row["sold"] or 0).quantize(Decimal("0.001"))
        row["sold"] = sold_units
        row["delivered"] = Decimal(row["delivered"]).quantize(Decimal("0.001"))
        row["sell_through"] = (sold_units * 100 / row["delivered"]).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)
        result.append(row)
    return result
