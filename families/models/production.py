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
    product = models.CharField(_("product"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3,
                                   validators=[MinValueValidator(Decimal("0.001"))])
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
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
            models.CheckConstraint(
                condition=~models.Q(quality="failed") | ~models.Q(quality_note=""),
                name="families_lot_failed_has_note",
            ),
        ]
        indexes = [models.Index(fields=["family", "signed_off_at"])]

    def __str__(self):
        return self.lot_code
