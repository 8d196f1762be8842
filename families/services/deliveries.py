"""Deliveries of production lots to a chain's stores, their cancelling, and returns.

A lot's stock is taken by a conditional UPDATE (`stock >= qty`), so two deliveries at
once can never both take the last jars: the second one updates no row and is refused.
The database CHECK (stock >= 0, stock <= quantity) is the backstop. Lines are written
in lot order, so two multi-lot deliveries on PostgreSQL never wait on each other in a
circle.

Returns: what comes back from a store never exceeds what was delivered to that store
from that lot under the contract, minus what came back before. Returned goods go back
into the lot's stock only when the reason is "unsold" and the goods are still within
their best-before date (crafts without a shelf life: always); damaged, expired or
recalled goods, and anything past its date, are written off (the line says which)."""

import datetime
import uuid
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from families.models import (
    ContractItem,
    Delivery,
    DeliveryLine,
    ProductionLot,
    RetailContract,
    ReturnLine,
    StoreReturn,
)
from families.services.retail import sellable_problem


def plain(number):
    """1E+2 → "100", 12.500 → "12.5"."""
    return format(Decimal(number).normalize(), "f")


def _quantity(value):
    try:
        qty = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise DomainError(_("Enter a quantity."), field="lines") from exc
    if not qty.is_finite() or qty <= 0:
        raise DomainError(_("Each quantity must be more than zero."), field="lines")
    if qty != qty.quantize(Decimal("0.001")):
        raise DomainError(_("Quantities have at most three decimals."), field="lines")
    return qty


def _check_store(contract, store):
    if store.chain_id != contract.chain_id:
        raise DomainError(_("%(store)s is not a store of %(chain)s.") % {
            "store": store, "chain": contract.chain.name}, field="store")


def _check_lot(lot, product):
    if lot.product_id != product.pk:
        raise DomainError(_("Lot %(lot)s is not of %(product)s.") % {
            "lot": lot.lot_code, "product": product.name}, field="lines")


def produced_on(lot):
    return timezone.localdate(lot.shift.starts_at)


def best_before(lot):
    """The last day the lot's goods may be sold, or None when they do not expire."""
    days = lot.product.shelf_life_days if lot.product_id else None
    if days is None:
        return None
    return produced_on(lot) + datetime.timedelta(days=days)


def _take(lot, qty):
    taken = ProductionLot.objects.filter(pk=lot.pk, stock__gte=qty).update(
        stock=F("stock") - qty)
    if not taken:
        left = ProductionLot.objects.filter(pk=lot.pk).values_list("stock", flat=True).first()
        raise DomainError(_("Lot %(lot)s has only %(left)s %(unit)s left; %(qty)s were asked "
                            "for.") % {"lot": lot.lot_code, "left": plain(left or 0),
                                       "unit": lot.get_unit_display(), "qty": plain(qty)},
                          field="lines")


@transaction.atomic
def delivery_create(*, contract, store, delivered_on, lines, created_by, note=""):
    """Deliver `lines` — (product, lot, quantity) — to `store` under `contract`, all or
    nothing. The contract must be active on that day, each product listed under it and
    sellable then, each lot of that product, passed and with enough stock left."""
    if not lines:
        raise DomainError(_("A delivery needs at least one line."), field="lines")
    contract = RetailContract.objects.select_related("chain").get(pk=contract.pk)
    _check_store(contract, store)
    if not store.active:
        raise DomainError(_("%(store)s is closed; it takes no deliveries.") % {
            "store": store}, field="store")
    if delivered_on > timezone.localdate():
        raise DomainError(_("A delivery is recorded once it has happened; the date is in "
                            "the future."), field="delivered_on")
    if contract.status != RetailContract.Status.ACTIVE or not (
            contract.starts_on <= delivered_on <= contract.ends_on):
        raise DomainError(_("Contract %(number)s is not in force on %(date)s.") % {
            "number": contract.number, "date": delivered_on.strftime("%d.%m.%Y")},
            field="delivered_on")
    listed = set(ContractItem.objects.filter(contract=contract)
                 .values_list("product_id", flat=True))
    lot_ids = {lot.pk for _product, lot, _qty in lines}
    lots = ProductionLot.objects.select_related("product", "shift").in_bulk(lot_ids)
    checked, problems_seen = [], {}
    for product, lot, qty in lines:
        qty = _quantity(qty)
        lot = lots[lot.pk]
        if product.pk not in listed:
            raise DomainError(_("%(product)s is not listed under contract %(number)s.") % {
                "product": product.name, "number": contract.number}, field="lines")
        if product.pk not in problems_seen:
            problems_seen[product.pk] = sellable_problem(product, delivered_on)
        if problems_seen[product.pk]:
            raise DomainError(problems_seen[product.pk], field="lines")
        _check_lot(lot, product)
        if lot.quality != ProductionLot.Quality.PASSED:
            raise DomainError(_("Lot %(lot)s did not pass its quality check.") % {
                "lot": lot.lot_code}, field="lines")
        if produced_on(lot) > delivered_on:
            raise DomainError(_("Lot %(lot)s was produced after %(date)s.") % {
                "lot": lot.lot_code, "date": delivered_on.strftime("%d.%m.%Y")}, field="lines")
        checked.append((product, lot, qty))
    delivery = Delivery.objects.create(
        contract=contract, store=store, number=f"pending-{uuid.uuid4().hex}",
        delivered_on=delivered_on, created_by=created_by, note=note)
    delivery.number = f"DN-{delivered_on:%Y}-{delivery.pk:06d}"
    delivery.save(update_fields=["number"])
    for _product, lot, qty in sorted(checked, key=lambda line: line[1].pk):
        _take(lot, qty)
    DeliveryLine.objects.bulk_create(
        DeliveryLine(delivery=delivery, product=product, lot=lot, quantity=qty)
        for product, lot, qty in checked)
    audit_log(delivery, "wagtail.create", user=created_by)
    return delivery


def _delivered_and_returned(contract, store, lot_ids, exclude_delivery=None):
    delivered = DeliveryLine.objects.filter(
        delivery__contract=contract, delivery__store=store,
        delivery__status=Delivery.Status.DELIVERED, lot__in=lot_ids)
    if exclude_delivery is not None:
        delivered = delivered.exclude(delivery=exclude_delivery)
    delivered = dict(delivered.values("lot").annotate(q=Sum("quantity")).values_list("lot", "q"))
    returned = dict(ReturnLine.objects.filter(
        store_return__contract=contract, store_return__store=store, lot__in=lot_ids,
    ).values("lot").annotate(q=Sum("quantity")).values_list("lot", "q"))
    return delivered, returned


def _lock_lots(lot_ids):
    """Serialise writes on these lots (PostgreSQL; SQLite's IMMEDIATE transactions
    serialise every writer already)."""
    return ProductionLot.objects.select_for_update(of=("self",)).select_related(
        "product", "shift").in_bulk(sorted(lot_ids))


@transaction.atomic
def delivery_cancel(*, delivery, actor, reason):
    """Cancel a delivery that did not happen (or was entered wrongly): its lines stay,
    its stock goes back to the lots. Refused when the store has returned goods of it
    that the other deliveries do not cover."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the delivery is cancelled."), field="reason")
    lines = list(DeliveryLine.objects.filter(delivery=delivery).select_related("lot"))
    lot_ids = {line.lot_id for line in lines}
    _lock_lots(lot_ids)
    delivered, returned = _delivered_and_returned(delivery.contract_id, delivery.store_id,
                                                  lot_ids, exclude_delivery=delivery)
    for lot_id in lot_ids:
        if returned.get(lot_id, 0) > delivered.get(lot_id, 0):
            lot = next(line.lot for line in lines if line.lot_id == lot_id)
            raise DomainError(_("Goods of lot %(lot)s from this delivery were returned "
                                "already; it cannot be cancelled.") % {"lot": lot.lot_code})
    cancelled = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.DELIVERED).update(
        status=Delivery.Status.CANCELLED, cancelled_at=timezone.now(), cancel_reason=reason)
    if not cancelled:
        raise DomainError(_("This delivery is cancelled already."))
    for line in sorted(lines, key=lambda line: line.lot_id):
        ProductionLot.objects.filter(pk=line.lot_id).update(stock=F("stock") + line.quantity)
    delivery.refresh_from_db()
    audit_log(delivery, "yuva.delivery_cancelled", user=actor, data={"reason": reason})
    return delivery


def goes_back_to_stock(lot, reason, returned_on):
    """Unsold goods within their best-before date go back into the lot's stock."""
    if reason != StoreReturn.Reason.UNSOLD:
        return False
    until = best_before(lot)
    return until is None or returned_on <= until


@transaction.atomic
def store_return_create(*, contract, store, returned_on, reason, lines, created_by, note=""):
    """Goods coming back from `store`: lines of (product, lot, quantity), each at most
    what was delivered to the store from that lot under `contract`, less what came back
    already. See the module note for which go back into stock."""
    if reason not in StoreReturn.Reason.values:
        raise DomainError(_("Choose the reason for the return."), field="reason")
    if not lines:
        raise DomainError(_("A return needs at least one line."), field="lines")
    contract = RetailContract.objects.select_related("chain").get(pk=contract.pk)
    _check_store(contract, store)
    if returned_on > timezone.localdate():
        raise DomainError(_("The return date is in the future."), field="returned_on")
    lots = _lock_lots({lot.pk for _p, lot, _q in lines})
    delivered, returned = _delivered_and_returned(contract, store, list(lots))
    wanted = {}
    checked = []
    for product, lot, qty in lines:
        qty = _quantity(qty)
        lot = lots[lot.pk]
        _check_lot(lot, product)
        wanted[lot.pk] = wanted.get(lot.pk, Decimal(0)) + qty
        left = delivered.get(lot.pk, Decimal(0)) - returned.get(lot.pk, Decimal(0))
        if wanted[lot.pk] > left:
            raise DomainError(_("Only %(left)s of lot %(lot)s can come back from %(store)s: "
                                "that is what was delivered there and not returned yet.") % {
                "left": plain(left), "lot": lot.lot_code, "store": store.name},
                field="lines")
        checked.append((product, lot, qty))
    store_return = StoreReturn.objects.create(
        contract=contract, store=store, returned_on=returned_on, reason=reason, note=note,
        created_by=created_by)
    rows = []
    for product, lot, qty in checked:
        restock = goes_back_to_stock(lot, reason, returned_on)
        if restock:
            ProductionLot.objects.filter(pk=lot.pk).update(stock=F("stock") + qty)
        rows.append(ReturnLine(store_return=store_return, product=product, lot=lot,
                               quantity=qty, restocked=restock))
    ReturnLine.objects.bulk_create(rows)
    audit_log(store_return, "wagtail.create", user=created_by)
    return store_return
