"""Demo retail (seed_demo, after products): two supermarket chains with stores in
several regions, an active contract each listing the sellable demo products, deliveries
from the demo's passed lots, and one return. Everything goes through the services.
Idempotent: a second run finds the chains and stops."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.errors import DomainError
from families.models import (
    Delivery,
    Product,
    ProductionLot,
    RetailChain,
)
from families.services.deliveries import delivery_create, produced_on, store_return_create
from families.services.retail import (
    chain_create,
    contract_activate,
    contract_create,
    contract_item_add,
    sellable_problem,
    store_create,
)

CHAINS = (
    ("BZR", "Bazar Market", "alis@bazarmarket.test",
     {"store": "Mağaza kodu", "product": "Barkod", "date": "Tarix", "units": "Satılan say",
      "value": "Məbləğ", "stock": "Qalıq"},
     (("BZR-001", "Bazar Market Nərimanov", "Təbriz küç. 44, Bakı", "baku"),
      ("BZR-002", "Bazar Market Yasamal", "Şərifzadə küç. 12, Bakı", "baku"),
      ("BZR-010", "Bazar Market Sumqayıt", "Sülh küç. 5, Sumqayıt", "sumgait"),
      ("BZR-020", "Bazar Market Gəncə", "Cavadxan küç. 31, Gəncə", "ganja"),
      ("BZR-030", "Bazar Market Quba", "Heydər Əliyev pr. 77, Quba", "guba"))),
    ("YSB", "Yaşıl Səbət", "supply@yasilsebet.test",
     {"store": "Store", "product": "EAN", "date": "Sale date", "units": "Qty sold",
      "value": "Net sales", "stock": "On hand"},
     (("YS-01", "Yaşıl Səbət Xətai", "Babək pr. 12, Bakı", "baku"),
      ("YS-02", "Yaşıl Səbət Binəqədi", "M. Rəsulzadə küç. 3, Bakı", "baku"),
      ("YS-07", "Yaşıl Səbət Şəki", "M. Ə. Rəsulzadə pr. 20, Şəki", "sheki"),
      ("YS-09", "Yaşıl Səbət Lənkəran", "Hazi Aslanov küç. 9, Lənkəran", "lankaran"),
      ("YS-11", "Yaşıl Səbət Xaçmaz", "Nizami küç. 18, Xaçmaz", "khachmaz"),
      ("YS-14", "Yaşıl Səbət Mingəçevir", "H. Əliyev pr. 55, Mingəçevir", "mingachevir"))),
)
# The contracts run from a fixed day, so the example reports in families/fixtures/
# (October 2026, chain BZR) always fall inside them.
CONTRACTS_START = datetime.date(2026, 1, 1)
CONTRACTS_SIGNED = datetime.date(2025, 12, 15)


@dataclass
class Created:
    chains: int = 0
    stores: int = 0
    contracts: int = 0
    listed: int = 0
    deliveries: int = 0
    returns: int = 0

    def __str__(self):
        return (f"{self.chains} chains, {self.stores} stores, {self.contracts} contracts "
                f"({self.listed} listed products), {self.deliveries} deliveries, "
                f"{self.returns} returns")


def _staff():
    User = get_user_model()  # noqa: N806
    return (User.objects.filter(email="staff@yuva.test").first()
            or User.objects.filter(is_superuser=True).order_by("pk").first())


def _lots_with_products():
    """Passed lots in stock with a product. Lots logged before products existed get
    their family's first product (only when no lot names one yet)."""
    lots = ProductionLot.objects.filter(quality="passed", stock__gt=0)
    if not lots.filter(product__isnull=False).exists():
        for lot in lots.filter(product__isnull=True):
            product = Product.objects.filter(family=lot.family_id).order_by("pk").first()
            if product is not None:
                ProductionLot.objects.filter(pk=lot.pk).update(product=product)
    return list(lots.filter(product__isnull=False).select_related("product", "shift")
                .order_by("shift__starts_at", "pk"))


def seed(*, size="small", today=None):
    today = today or timezone.localdate()
    created = Created()
    if RetailChain.objects.filter(code__in=[row[0] for row in CHAINS]).exists():
        return created
    staff = _staff()
    if staff is None:
        return created
    with transaction.atomic():
        lots = _lots_with_products()
        sellable = [p for p in Product.objects.filter(
            Q(pk__in={lot.product_id for lot in lots}) | Q(status__in=("approved", "listed")))
            .order_by("code") if sellable_problem(p, today) is None]
        contracts = []
        for index, (code, name, email, columns, stores) in enumerate(CHAINS):
            chain = chain_create(actor=staff, code=code, name=name, contact_email=email,
                                 column_map=columns)
            created.chains += 1
            chain_stores = [store_create(chain=chain, actor=staff, code=s_code, name=s_name,
                                         address=address, region=region)
                            for s_code, s_name, address, region in stores]
            created.stores += len(chain_stores)
            # Yaşıl Səbət's contract ends within a month: the expiry alert has work.
            ends_on = today + datetime.timedelta(days=300 if index == 0 else 25)
            contract = contract_create(
                chain=chain, actor=staff,
                number=f"ABAD-RC-{CONTRACTS_START:%Y}-{index + 1:03d}",
                starts_on=min(CONTRACTS_START, today), ends_on=ends_on,
                margin_percent=Decimal("22.00") if index == 0 else Decimal("18.50"),
                terms="consignment" if index == 0 else "outright",
                payment_days=30 if index == 0 else 45,
                signed_on=min(CONTRACTS_SIGNED, today))
            for product in sellable:
                wholesale = (product.recommended_price * Decimal("0.70")).quantize(
                    Decimal("0.01"))
                shelf = max(product.recommended_price, wholesale) + Decimal(index) * \
                    Decimal("0.20")
                contract_item_add(contract=contract, product=product, actor=staff,
                                  wholesale_price=wholesale, shelf_price=shelf)
                created.listed += 1
            if sellable:
                contract = contract_activate(contract=contract, actor=staff, today=today)
            created.contracts += 1
            contracts.append((contract, chain_stores))
        _deliveries(created, staff, contracts, lots, today)
    return created


def _deliveries(created, staff, contracts, lots, today):
    """Each lot goes, in parts, to a few stores of both chains, a day or two after it
    was made; about a third of it stays at ABAD. One store sends unsold jars back."""
    first = None
    for i, lot in enumerate(lots):
        contract, stores = contracts[i % len(contracts)]
        if contract.status != "active":
            continue
        made = produced_on(lot)
        share = (lot.stock * Decimal("0.3")).quantize(Decimal("1"))
        for k in range(2):
            store = stores[(i + k) % len(stores)]
            # Yesterday at the latest: the chains' reports (up to yesterday) count it.
            on = min(today - datetime.timedelta(days=1), made + datetime.timedelta(days=1 + k))
            if share <= 0:
                break
            try:
                delivery = delivery_create(contract=contract, store=store, delivered_on=on,
                                           lines=[(lot.product, lot, share)], created_by=staff)
            except DomainError:
                continue
            created.deliveries += 1
            first = first or delivery
    if first is not None:
        line = first.lines.select_related("product", "lot").first()
        quantity = min(line.quantity, Decimal("3"))
        returned_on = min(today, first.delivered_on + datetime.timedelta(days=5))
        store_return_create(contract=first.contract, store=first.store, returned_on=returned_on,
                            reason="unsold", lines=[(line.product, line.lot, quantity)],
                            created_by=staff, note="Rəfdə yer azdır, qalanı geri verildi.")
        created.returns += 1
    return Delivery.objects.count()
