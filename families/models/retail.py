"""Supermarket chains and their stores, the contracts ABAD signs with a chain (listed
products at agreed prices), deliveries of production lots to stores, and returns."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Region

DEFAULT_COLUMNS = {
    "store": "store_code",
    "product": "gtin",
    "date": "date",
    "units": "units_sold",
    "value": "sales_value",
    "stock": "stock_on_hand",
}


def default_columns():
    return dict(DEFAULT_COLUMNS)


class RetailChain(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True,
                            validators=[RegexValidator(r"^[A-Z0-9_-]+$",
                                                       _("Capital letters, digits, - and _."))])
    name = models.CharField(_("name"), max_length=160)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    column_map = models.JSONField(
        _("sales report columns"), default=default_columns,
        help_text=_("Which column of the chain's sales report holds each figure."))
    value_tolerance = models.DecimalField(
        _("value tolerance (%)"), max_digits=5, decimal_places=2, default=Decimal("2.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("How far a row's sales value may differ from units × shelf price."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("retail chain")
        verbose_name_plural = _("retail chains")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Store(models.Model):
    chain = models.ForeignKey(RetailChain, verbose_name=_("chain"), on_delete=models.PROTECT,
                              related_name="stores")
    code = models.CharField(_("store code"), max_length=32)
    name = models.CharField(_("name"), max_length=160)
    address = models.CharField(_("address"), max_length=255)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("store")
        verbose_name_plural = _("stores")
        ordering = ["chain", "code"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "code"], name="families_store_unique_code"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class RetailContract(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    class Terms(models.TextChoices):
        CONSIGNMENT = "consignment", _("Consignment")
        OUTRIGHT = "outright", _("Outright purchase")

    chain = models.ForeignKey(RetailChain, verbose_name=_("chain"), on_delete=models.PROTECT,
                              related_name="contracts")
    number = models.CharField(_("contract number"), max_length=40, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    terms = models.CharField(_("terms"), max_length=12, choices=Terms.choices,
                             default=Terms.CONSIGNMENT)
    margin_percent = models.DecimalField(
        _("chain margin (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    payment_days = models.PositiveSmallIntegerField(_("payment days"), default=30)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    expiry_alerted_at = models.DateTimeField(_("expiry alert sent"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("retail contract")
        verbose_name_plural = _("retail contracts")
        ordering = ["-starts_on", "number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="families_contract_period_ordered"),
            models.CheckConstraint(condition=models.Q(margin_percent__gte=0,
                                                      margin_percent__lte=100),
                                   name="families_contract_margin_range"),
        ]
        indexes = [models.Index(fields=["chain", "status", "ends_on"])]

    def __str__(self):
        return self.number


class ContractItem(models.Model):
    """A product listed under a contract, at the agreed wholesale and shelf prices."""

    contract = models.ForeignKey(RetailContract, verbose_name=_("contract"),
                                 on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey("families.Product", verbose_name=_("product"),
                                on_delete=models.PROTECT, related_name="contract_items")
    wholesale_price = models.DecimalField(_("wholesale price (₼)"), max_digits=10,
                                          decimal_places=2,
                                          validators=[MinValueValidator(Decimal("0"))])
    shelf_price = models.DecimalField(_("shelf price (₼)"), max_digits=10, decimal_places=2,
                                      validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("listed product")
        verbose_name_plural = _("listed products")
        ordering = ["contract", "product"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "product"],
                                    name="families_contract_item_unique"),
            models.CheckConstraint(condition=models.Q(wholesale_price__gte=0, shelf_price__gte=0),
                                   name="families_contract_item_prices"),
        ]

    def __str__(self):
        return f"{self.contract} · {self.product_id}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    contract = models.ForeignKey(RetailContract, verbose_name=_("contract"),
                                 on_delete=models.PROTECT, related_name="deliveries")
    store = models.ForeignKey(Store, verbose_name=_("store"), on_delete=models.PROTECT,
                              related_name="deliveries")
    number = models.CharField(_("delivery note number"), max_length=40, unique=True)
    delivered_on = models.DateField(_("delivered on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DELIVERED)
    note = models.TextField(_("note"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-delivered_on", "-pk"]
        indexes = [models.Index(fields=["store", "delivered_on"])]

    def __str__(self):
        return self.number


class DeliveryLine(models.Model):
    delivery = models.ForeignKey(Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE,
                                 related_name="lines")
    product = models.ForeignKey("families.Product", verbose_name=_("product"),
                                on_delete=models.PROTECT, related_name="delivery_lines")
    lot = models.ForeignKey("families.ProductionLot", verbose_name=_("lot"),
                            on_delete=models.PROTECT, related_name="delivery_lines")
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3,
                                   validators=[MinValueValidator(Decimal("0.001"))])

    class Meta:
        verbose_name = _("delivery line")
        verbose_name_plural = _("delivery lines")
        ordering = ["delivery", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0),
                                   name="families_delivery_line_positive"),
        ]

    def __str__(self):
        return f"{self.lot_id} × {self.quantity}"


class StoreReturn(models.Model):
    class Reason(models.TextChoices):
        UNSOLD = "unsold", _("Unsold")
        EXPIRED = "expired", _("Past its best-before date")
        DAMAGED = "damaged", _("Damaged")
        RECALL = "recall", _("Recall")
        OTHER = "other", _("Other")

    contract = models.ForeignKey(RetailContract, verbose_name=_("contract"),
                                 on_delete=models.PROTECT, related_name="returns")
    store = models.ForeignKey(Store, verbose_name=_("store"), on_delete=models.PROTECT,
                              related_name="returns")
    returned_on = models.DateField(_("returned on"))
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("return from a store")
        verbose_name_plural = _("returns from stores")
        ordering = ["-returned_on", "-pk"]

    def __str__(self):
        return f"{self.store} {self.returned_on}"


class ReturnLine(models.Model):
    store_return = models.ForeignKey(StoreReturn, verbose_name=_("return"),
                                     on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("families.Product", verbose_name=_("product"),
                                on_delete=models.PROTECT, related_name="return_lines")
    lot = models.ForeignKey("families.ProductionLot", verbose_name=_("lot"),
                            on_delete=models.PROTECT, related_name="return_lines")
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3,
                                   validators=[MinValueValidator(Decimal("0.001"))])

    class Meta:
        verbose_name = _("returned line")
        verbose_name_plural = _("returned lines")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0),
                                   name="families_return_line_positive"),
        ]

    def __str__(self):
        return f"{self.lot_id} × {self.quantity}"
