from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from families.models.factory import Unit


class ProductionLot(models.Model):
    """What a family produced on a shift, logged and signed off by the technician."""

    class Quality(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    shift = models.ForeignKey("families.Shift", verbose_name=_("shift"),
                              on_delete=models.PROTECT, related_name="lots")
    booking = models.ForeignKey("families.ShiftBooking", verbose_name=_("booking"),
                                on_delete=models.PROTECT, related_name="lots")
    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="lots")
    product = models.ForeignKey("families.Product", verbose_name=_("product"),
                                on_delete=models.PROTECT, null=True, blank=True,
                                related_name="lots")
    description = models.CharField(_("what was produced"), max_length=200, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3,
                                   validators=[MinValueValidator(Decimal("0.001"))])
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    # what is left to deliver: set when the lot passes its check, taken by deliveries with
    # a conditional update; the database refuses anything below zero
    stock = models.DecimalField(_("stock left"), max_digits=12, decimal_places=3,
                                default=Decimal("0"))
    lot_code = models.CharField(_("lot code"), max_length=40, unique=True)
    quality = models.CharField(_("quality check"), max_length=8, choices=Quality.choices)
    quality_note = models.TextField(_("quality note"), blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed off by"),
                                      on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(_("signed off"))
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        verbose_name = _("production lot")
        verbose_name_plural = _("production lots")
        ordering = ["-signed_off_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0),
                                   name="families_lot_quantity_positive"),
            models.CheckConstraint(condition=models.Q(stock__gte=0),
                                   name="families_lot_stock_not_negative"),
            models.CheckConstraint(condition=models.Q(stock__lte=models.F("quantity")),
                                   name="families_lot_stock_within_quantity"),
            models.CheckConstraint(
                condition=~models.Q(quality="failed") | ~models.Q(quality_note=""),
                name="families_lot_failed_has_note",
            ),
        ]
        indexes = [models.Index(fields=["family", "signed_off_at"])]

    def __str__(self):
        return self.lot_code

    @property
    def label(self):
        """What the lot is: its product's name, or the technician's words for old lots."""
        return self.product.name if self.product_id else self.description
