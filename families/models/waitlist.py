from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WaitlistEntry(models.Model):
    """A family waiting for a place on a full shift. When a place frees up it is held
    for the first waiting family (status offered) until `offer_expires_at`."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Offered a place")
        ACCEPTED = "accepted", _("Took the place")
        DECLINED = "declined", _("Declined the place")
        EXPIRED = "expired", _("Offer expired")
        LEFT = "left", _("Left the list")
        CLEARED = "cleared", _("Shift cancelled")

    ACTIVE = (Status.WAITING, Status.OFFERED)

    shift = models.ForeignKey("families.Shift", verbose_name=_("shift"),
                              on_delete=models.PROTECT, related_name="waitlist")
    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="waitlist_entries")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("family member"),
                               on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.WAITING)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    responded_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("waiting-list place")
        verbose_name_plural = _("waiting list")
        ordering = ["shift", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "family"], condition=models.Q(status__in=["waiting", "offered"]),
                name="families_waitlist_once_per_shift",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="offered") | models.Q(offer_expires_at__isnull=False),
                name="families_waitlist_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["status", "offer_expires_at"])]

    def __str__(self):
        return f"{self.family} — {self.shift}"
