"""Writes of retail: chains and their stores, contracts with a chain (draft → active →
expired or terminated, history kept), the products a contract lists and their prices,
and the alert before a contract ends."""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from families.models import (
    ContractItem,
    DeliveryLine,
    Product,
    RetailChain,
    RetailContract,
    SalesRecord,
    Store,
)
from families.models.retail import DEFAULT_COLUMNS

Status = RetailContract.Status
EXPIRY_ALERT_DAYS = 30
# Who hears about contracts: staff who may change them (sales managers).
RETAIL_PERMISSION = "families.change_retailcontract"
CHAIN_FIELDS = ("code", "name", "contact_email", "column_map", "value_tolerance", "active")
STORE_FIELDS = ("code", "name", "address", "region", "active")
CONTRACT_FIELDS = ("number", "starts_on", "ends_on", "terms", "margin_percent",
                   "payment_days", "signed_on", "notes")
# What may still change once a contract is active (extending it, a note).
ACTIVE_CONTRACT_FIELDS = ("ends_on", "notes", "signed_on")


def _sellable_problem(product, on_date):
    """The one selling rule (status and compliance documents), kept in products."""
    from families.services.products import product_sellable_problem

    problem = product_sellable_problem(product, on_date)
    if problem and product.status in (Product.Status.APPROVED, Product.Status.LISTED):
        # the compliance reasons do not name the product; a delivery of several must
        return _("%(product)s cannot be sold: %(problem)s") % {
            "product": product.name, "problem": problem}
    return problem


def sellable_problem(product, on_date):
    return _sellable_problem(product, on_date)


# --- chains and stores -------------------------------------------------------------

def column_map_problem(column_map):
    """What is wrong with a chain's sales-report column mapping, or None. It maps each
    figure (store, product, date, units, value, stock) to a column heading; store,
    product, date and units are required, and no two figures share a column."""
    if not isinstance(column_map, dict):
        return _("The column mapping must be an object of figure → column heading.")
    unknown = sorted(set(column_map) - set(DEFAULT_COLUMNS))
    if unknown:
        return _("Unknown figures: %(names)s. Use %(known)s.") % {
            "names": ", ".join(map(str, unknown)), "known": ", ".join(DEFAULT_COLUMNS)}
    for key in ("store", "product", "date", "units"):
        if not isinstance(column_map.get(key), str) or not column_map[key].strip():
            return _("Name the column that holds “%(figure)s”.") % {"figure": key}
    if any(not isinstance(v, str) for v in column_map.values() if v not in (None, "")):
        return _("Column headings must be text.")
    headings = [v.strip().lower() for v in column_map.values() if v not in (None, "")]
    if len(headings) != len(set(headings)):
        return _("Two figures cannot come from the same column.")
    return None


def _check_chain(data):
    problem = column_map_problem(data.get("column_map", DEFAULT_COLUMNS))
    if problem:
        raise DomainError(problem, field="column_map")


@transaction.atomic
def chain_create(*, actor, code, name, contact_email="", column_map=None,
                 value_tolerance=Decimal("2.00"), active=True):
    column_map = dict(DEFAULT_COLUMNS) if column_map is None else column_map
    _check_chain({"column_map": column_map})
    if RetailChain.objects.filter(code=code).exists():
        raise DomainError(_("A chain with the code %(code)s exists already.") % {"code": code},
                          field="code")
    chain = RetailChain.objects.create(code=code, name=name, contact_email=contact_email,
                                       column_map=column_map, value_tolerance=value_tolerance,
                                       active=active)
    audit_log(chain, "wagtail.create", user=actor)
    return chain


@transaction.atomic
def chain_update(*, chain, actor, **changes):
    unknown = set(changes) - set(CHAIN_FIELDS)
    if unknown:
        raise TypeError(f"chain_update got unknown fields {sorted(unknown)}")
    if "column_map" in changes:
        _check_chain(changes)
    if "code" in changes and RetailChain.objects.filter(code=changes["code"]).exclude(
            pk=chain.pk).exists():
        raise DomainError(_("A chain with the code %(code)s exists already.") % {
            "code": changes["code"]}, field="code")
    for field, value in changes.items():
        setattr(chain, field, value)
    chain.save()
    audit_log(chain, "wagtail.edit", user=actor)
    return chain


def _store_code_taken(chain, code, exclude=None):
    qs = Store.objects.filter(chain=chain, code=code)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


@transaction.atomic
def store_create(*, chain, actor, code, name, address, region, active=True):
    if _store_code_taken(chain, code):
        raise DomainError(_("%(chain)s already has a store with the code %(code)s.") % {
            "chain": chain.name, "code": code}, field="code")
    try:
        with transaction.atomic():
            store = Store.objects.create(chain=chain, code=code, name=name, address=address,
                                         region=region, active=active)
    except IntegrityError as exc:  # a store with that code was added meanwhile
        raise DomainError(_("%(chain)s already has a store with the code %(code)s.") % {
            "chain": chain.name, "code": code}, field="code") from exc
    audit_log(store, "wagtail.create", user=actor)
    return store


@transaction.atomic
def store_update(*, store, actor, **changes):
    unknown = set(changes) - set(STORE_FIELDS)
    if unknown:
        raise TypeError(f"store_update got unknown fields {sorted(unknown)}")
    if "code" in changes and _store_code_taken(store.chain, changes["code"], exclude=store):
        raise DomainError(_("%(chain)s already has a store with the code %(code)s.") % {
            "chain": store.chain.name, "code": changes["code"]}, field="code")
    for field, value in changes.items():
        setattr(store, field, value)
    store.save()
    audit_log(store, "wagtail.edit", user=actor)
    return store


# --- contracts -----------------------------------------------------------------------

def _check_period(starts_on, ends_on):
    if ends_on < starts_on:
        raise DomainError(_("A contract cannot end before it starts."), field="ends_on")


def _check_terms(data):
    margin = data.get("margin_percent")
    if margin is not None and not (Decimal(0) <= margin <= Decimal(100)):
        raise DomainError(_("The chain's margin is a percentage from 0 to 100."),
                          field="margin_percent")


@transaction.atomic
def contract_create(*, chain, actor, number, starts_on, ends_on, margin_percent,
                    terms=RetailContract.Terms.CONSIGNMENT, payment_days=30, signed_on=None,
                    notes=""):
    """A draft contract with `chain`; it lists products and is activated later."""
    _check_period(starts_on, ends_on)
    _check_terms({"margin_percent": margin_percent})
    if RetailContract.objects.filter(number=number).exists():
        raise DomainError(_("A contract numbered %(number)s exists already.") % {
            "number": number}, field="number")
    contract = RetailContract.objects.create(
        chain=chain, number=number, starts_on=starts_on, ends_on=ends_on,
        margin_percent=margin_percent, terms=terms, payment_days=payment_days,
        signed_on=signed_on, notes=notes, created_by=actor, status=Status.DRAFT)
    audit_log(contract, "wagtail.create", user=actor)
    return contract


@transaction.atomic
def contract_update(*, contract, actor, **changes):
    """Change a draft's terms; once active only its end date (extending or shortening
    it, never before today), the signing date and notes; never once it has ended."""
    unknown = set(changes) - set(CONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"contract_update got unknown fields {sorted(unknown)}")
    contract = RetailContract.objects.select_for_update().get(pk=contract.pk)
    changed = {k: v for k, v in changes.items() if getattr(contract, k) != v}
    if contract.status in (Status.EXPIRED, Status.TERMINATED) and changed:
        raise DomainError(_("An expired or terminated contract cannot be changed."))
    if contract.status == Status.ACTIVE:
        locked = sorted(set(changed) - set(ACTIVE_CONTRACT_FIELDS))
        if locked:
            raise DomainError(_("An active contract's terms cannot be changed; only its end "
                                "date and notes. Terminate it and sign a new one."),
                              field=locked[0])
        if "ends_on" in changed and changed["ends_on"] < timezone.localdate():
            raise DomainError(_("An active contract cannot end in the past."), field="ends_on")
    if "number" in changed and RetailContract.objects.filter(
            number=changed["number"]).exclude(pk=contract.pk).exists():
        raise DomainError(_("A contract numbered %(number)s exists already.") % {
            "number": changed["number"]}, field="number")
    _check_terms(changed)
    for field, value in changed.items():
        setattr(contract, field, value)
    _check_period(contract.starts_on, contract.ends_on)
    if "ends_on" in changed:
        contract.expiry_alerted_at = None  # a new end date earns a new alert
    contract.save()
    audit_log(contract, "wagtail.edit", user=actor,
              data={"changed": sorted(changed)})
    return contract


@transaction.atomic
def contract_activate(*, contract, actor, today=None):
    """Draft → active. It must list at least one product, each sellable from the day the
    contract takes effect, and must not have ended already."""
    today = today or timezone.localdate()
    contract = RetailContract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != Status.DRAFT:
        raise DomainError(_("Only a draft contract can be activated."))
    if contract.ends_on < today:
        raise DomainError(_("This contract ended on %(date)s; it cannot be activated.") % {
            "date": contract.ends_on.strftime("%d.%m.%Y")})
    items = list(contract.items.select_related("product"))
    if not items:
        raise DomainError(_("List at least one product before activating the contract."))
    on_date = max(today, contract.starts_on)
    problems = [p for p in (sellable_problem(item.product, on_date) for item in items) if p]
    if problems:
        raise DomainError(" ".join(problems))
    contract.status = Status.ACTIVE
    contract.save(update_fields=["status"])
    audit_log(contract, "yuva.contract_activated", user=actor)
    return contract


@transaction.atomic
def contract_terminate(*, contract, actor, reason, today=None):
    """End a draft or active contract early, with the reason; nothing is deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the contract is terminated."), field="reason")
    contract = RetailContract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in (Status.DRAFT, Status.ACTIVE):
        raise DomainError(_("Only a draft or active contract can be terminated."))
    contract.status = Status.TERMINATED
    contract.terminated_on = today or timezone.localdate()
    contract.termination_reason = reason
    contract.save(update_fields=["status", "terminated_on", "termination_reason"])
    audit_log(contract, "yuva.contract_terminated", user=actor, data={"reason": reason})
    return contract


def contracts_expire(*, today=None):
    """The daily job: active contracts whose last day has passed are expired. Returns
    how many. Idempotent (a conditional update)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        ids = list(RetailContract.objects.filter(status=Status.ACTIVE, ends_on__lt=today)
                   .values_list("pk", flat=True))
        expired = RetailContract.objects.filter(pk__in=ids, status=Status.ACTIVE).update(
            status=Status.EXPIRED)
        for contract in RetailContract.objects.filter(pk__in=ids):
            audit_log(contract, "yuva.contract_expired")
    return expired


# --- listed products -----------------------------------------------------------------

def _price(value, field):
    try:
        price = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise DomainError(_("Enter an amount in manat."), field=field) from exc
    if not price.is_finite() or price < 0:
        raise DomainError(_("A price cannot be negative."), field=field)
    if price != price.quantize(Decimal("0.01")):
        raise DomainError(_("Prices are in manat and qəpik (two decimals)."), field=field)
    return price


def _check_prices(wholesale_price, shelf_price):
    wholesale = _price(wholesale_price, "wholesale_price")
    shelf = _price(shelf_price, "shelf_price")
    # The chain's margin lies between the two: it never sells below what it pays.
    if shelf < wholesale:
        raise DomainError(_("The shelf price cannot be below the wholesale price."),
                          field="shelf_price")
    return wholesale, shelf


def _open_contract(contract):
    contract = RetailContract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in (Status.DRAFT, Status.ACTIVE):
        raise DomainError(_("The products of an expired or terminated contract cannot "
                            "change."))
    return contract


@transaction.atomic
def contract_item_add(*, contract, product, actor, wholesale_price, shelf_price, today=None):
    contract = _open_contract(contract)
    wholesale, shelf = _check_prices(wholesale_price, shelf_price)
    if contract.status == Status.ACTIVE:
        problem = sellable_problem(product, max(today or timezone.localdate(),
                                                contract.starts_on))
        if problem:
            raise DomainError(problem, field="product")
    if ContractItem.objects.filter(contract=contract, product=product).exists():
        raise DomainError(_("%(product)s is listed under this contract already.") % {
            "product": product.name}, field="product")
    item = ContractItem.objects.create(contract=contract, product=product,
                                       wholesale_price=wholesale, shelf_price=shelf)
    audit_log(contract, "yuva.contract_item_added", user=actor,
              data={"product": product.code, "wholesale_price": str(wholesale),
                    "shelf_price": str(shelf)})
    return item


@transaction.atomic
def contract_item_reprice(*, item, actor, wholesale_price, shelf_price):
    contract = _open_contract(item.contract)
    item = ContractItem.objects.select_for_update().select_related("product").get(pk=item.pk)
    wholesale, shelf = _check_prices(wholesale_price, shelf_price)
    before = {"wholesale_price": str(item.wholesale_price), "shelf_price": str(item.shelf_price)}
    item.wholesale_price, item.shelf_price = wholesale, shelf
    item.save(update_fields=["wholesale_price", "shelf_price"])
    audit_log(contract, "yuva.contract_item_repriced", user=actor,
              data={"product": item.product.code, "before": before,
                    "after": {"wholesale_price": str(wholesale), "shelf_price": str(shelf)}})
    return item


@transaction.atomic
def contract_item_remove(*, item, actor):
    """Unlist a product. Refused once it was delivered or sold under the contract (the
    history needs its prices), and for the last product of an active contract."""
    contract = _open_contract(item.contract)
    item = ContractItem.objects.select_related("product").get(pk=item.pk)
    if DeliveryLine.objects.filter(delivery__contract=contract, product=item.product).exists() \
            or SalesRecord.objects.filter(contract_item=item).exists():
        raise DomainError(_("%(product)s was delivered or sold under this contract; it stays "
                            "listed.") % {"product": item.product.name})
    if contract.status == Status.ACTIVE and contract.items.count() == 1:
        raise DomainError(_("An active contract must list at least one product."))
    audit_log(contract, "yuva.contract_item_removed", user=actor,
              data={"product": item.product.code})
    item.delete()


# --- expiry alerts -------------------------------------------------------------------

def retail_staff():
    """Active staff who may change contracts: the people an expiry alert goes to."""
    User = get_user_model()  # noqa: N806
    app_label, codename = RETAIL_PERMISSION.split(".")
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (User.objects.filter(Q(is_superuser=True) | Q(groups__permissions__in=perm)
                                | Q(user_permissions__in=perm))
            .filter(is_active=True, is_staff=True).distinct().order_by("pk"))


def contract_expiry_alerts_send(*, today=None):
    """The daily job: each active contract ending within 30 days is announced once (an
    e-mail to every retail staff member, kept in the outbox). Returns how many contracts
    were announced."""
    from families.services.notifications import notify

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=EXPIRY_ALERT_DAYS)
    due = list(RetailContract.objects.filter(
        status=Status.ACTIVE, expiry_alerted_at__isnull=True,
        ends_on__gte=today, ends_on__lte=horizon).values_list("pk", flat=True))
    announced = 0
    for pk in due:
        with transaction.atomic():
            claimed = RetailContract.objects.filter(
                pk=pk, expiry_alerted_at__isnull=True, status=Status.ACTIVE,
            ).update(expiry_alerted_at=timezone.now())
            if not claimed:
                continue
            contract = RetailContract.objects.select_related("chain").get(pk=pk)
            for user in retail_staff():
                notify(kind="contract_expiring", recipient=user, subject=contract,
                       key=f"contract_expiring:{contract.pk}:{contract.ends_on}:{user.pk}",
                       data={"ends_on": contract.ends_on.isoformat()})
            announced += 1
    return announced
