"""Reads of retail: listings for the back office and the portal, and the
reconciliation of what went to each store against what the chain reports."""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from families.models import (
    ContractItem,
    Delivery,
    DeliveryLine,
    ProductionLot,
    RetailChain,
    RetailContract,
    ReturnLine,
    SalesImport,
    SalesRecord,
    Store,
    StoreReturn,
)

QTY = DecimalField(max_digits=14, decimal_places=3)
ZERO = Value(Decimal("0"), output_field=QTY)
# A difference up to this many units is rounding in the chain's report (weighed goods
# reported to one decimal), not a missing jar.
RECONCILIATION_TOLERANCE = Decimal("0.05")


def contract_in_force_q(day, prefix=""):
    """A contract (reached through `prefix`, e.g. "contract__" or
    "contract_items__contract__") that is active and runs on `day`."""
    return Q(**{f"{prefix}status": RetailContract.Status.ACTIVE,
                f"{prefix}starts_on__lte": day, f"{prefix}ends_on__gte": day})


def chains_for_staff():
    return RetailChain.objects.annotate(store_count=Count("stores", distinct=True))


def stores_for_staff():
    return Store.objects.select_related("chain")


def contracts_for_staff():
    return (RetailContract.objects.select_related("chain", "created_by")
            .annotate(item_count=Count("items", distinct=True)))


def items_of(contract):
    return (ContractItem.objects.filter(contract=contract)
            .select_related("product__family__enterprise", "product__brand")
            .order_by("product__name_az", "pk"))


def deliveries_for_staff():
    return (Delivery.objects.select_related("contract", "store__chain", "created_by")
            .annotate(line_count=Count("lines"), total_quantity=Sum("lines__quantity")))


def delivery_lines_of(delivery):
    return (DeliveryLine.objects.filter(delivery=delivery)
            .select_related("product", "lot").order_by("pk"))


def returns_for_staff():
    return (StoreReturn.objects.select_related("contract", "store__chain", "created_by")
            .annotate(line_count=Count("lines"), total_quantity=Sum("lines__quantity")))


def deliverable_lots():
    """Passed lots with stock left and a product: what a delivery line may take."""
    return (ProductionLot.objects.filter(quality=ProductionLot.Quality.PASSED, stock__gt=0,
                                         product__isnull=False)
            .select_related("product", "family__enterprise").order_by("lot_code"))


# --- the portal: a family's own lots and listed products --------------------------

def lots_of_family(family):
    """The family's lots with a product, with what went where: deliveries (not
    cancelled) and returns, prefetched (three queries however many lots)."""
    lines = (DeliveryLine.objects.filter(delivery__status=Delivery.Status.DELIVERED)
             .select_related("delivery__store__chain").order_by("delivery__delivered_on", "pk"))
    returns = (ReturnLine.objects.select_related("store_return__store")
               .order_by("store_return__returned_on", "pk"))
    return (ProductionLot.objects.filter(family=family, product__isnull=False)
            .select_related("product", "shift")
            .prefetch_related(Prefetch("delivery_lines", queryset=lines, to_attr="deliveries"),
                              Prefetch("return_lines", queryset=returns, to_attr="returned"))
            .order_by("-shift__starts_at", "-pk"))


def listed_items_of_family(family):
    """The family's own products listed under active (or draft) contracts, with the
    agreed prices: never another family's items of the same contract."""
    return (ContractItem.objects.filter(product__family=family,
                                        contract__status__in=(RetailContract.Status.ACTIVE,))
            .select_related("contract__chain", "product")
            .order_by("contract__chain__name", "contract__number", "product__name_az"))


# --- reconciliation -----------------------------------------------------------------

def _total(queryset, field):
    """The sum of `field` over `queryset` (already tied to the outer row), or 0."""
    summed = (queryset.order_by().values("product").annotate(total=Sum(field))
              .values("total")[:1])
    return Coalesce(Subquery(summed, output_field=QTY), ZERO, output_field=QTY)


def reconciliation(chain=None, store=None, product=None, until=None, family=None,
                   differences_only=False, tolerance=RECONCILIATION_TOLERANCE):
    """Per store and listed product with anything delivered or sold: delivered −
    returned − sold (expected on the shelf) against the stock the chain last reported
    (its latest sales row with a stock figure), and the difference. Everything is
    summed by the database in one query; rows are dicts ordered by chain, store and
    product. `until` counts only what happened up to that day."""
    store_ref, product_ref = OuterRef("store_id"), OuterRef("product")
    delivered = DeliveryLine.objects.filter(
        delivery__store=store_ref, product=product_ref,
        delivery__status=Delivery.Status.DELIVERED)
    returned = ReturnLine.objects.filter(store_return__store=store_ref, product=product_ref)
    sold = SalesRecord.objects.filter(store=store_ref, product=product_ref,
                                      sales_import__status=SalesImport.Status.IMPORTED)
    if until is not None:
        delivered = delivered.filter(delivery__delivered_on__lte=until)
        returned = returned.filter(store_return__returned_on__lte=until)
        sold = sold.filter(sold_on__lte=until)
    latest = sold.filter(stock_on_hand__isnull=False).order_by("-sold_on", "-pk")

    # One values() call, so the store columns all come from the same join (a later
    # annotate or filter through the reverse relation would join the stores again).
    pairs = ContractItem.objects.values(
        "product", chain_id=F("contract__chain"), store_id=F("contract__chain__stores__id"),
        store_code=F("contract__chain__stores__code"),
        store_name=F("contract__chain__stores__name"),
        region=F("contract__chain__stores__region"))
    if chain is not None:
        pairs = pairs.filter(contract__chain=chain)
    if store is not None:
        pairs = pairs.filter(store_id=store.pk)
    if product is not None:
        pairs = pairs.filter(product=product)
    if family is not None:
        pairs = pairs.filter(product__family=family)
    rows = (
        pairs.filter(store_id__isnull=False)
        .annotate(
            chain_name=F("contract__chain__name"),
            product_code=F("product__code"), product_name=F("product__name_az"),
            gtin=F("product__gtin"), family_name=F("product__family__enterprise__name"),
            delivered=_total(delivered, "quantity"),
            returned=_total(returned, "quantity"),
            sold=_total(sold, "units"),
            reported=Subquery(latest.values("stock_on_hand")[:1], output_field=QTY),
            reported_on=Subquery(latest.values("sold_on")[:1]),
        )
        .annotate(expected=ExpressionWrapper(F("delivered") - F("returned") - F("sold"),
                                             output_field=QTY))
        .annotate(difference=ExpressionWrapper(F("reported") - F("expected"),
                                               output_field=QTY))
        .annotate(flagged=Case(
            When(reported__isnull=True, then=Value(False)),
            When(Q(difference__gt=tolerance) | Q(difference__lt=-tolerance), then=Value(True)),
            default=Value(False)))
        .filter(Q(delivered__gt=0) | Q(sold__gt=0))
        .distinct()
        .order_by("chain_name", "store_code", "product_code")
    )
    if differences_only:
        rows = rows.filter(flagged=True)
    return rows


def reconciliation_summary(rows):
    """Totals of a reconciliation (rows already fetched)."""
    keys = ("delivered", "returned", "sold", "expected")
    totals = {key: sum((row[key] for row in rows), Decimal(0)) for key in keys}
    totals["flagged"] = sum(1 for row in rows if row["flagged"])
    totals["rows"] = len(rows)
    return totals

