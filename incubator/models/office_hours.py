from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeHourSlot(models.Model):
    """A time a mentor offers to any startup. Booking it moves it from open to booked
    (a conditional update: only one booking can win); nothing is deleted: a cancelled
    slot keeps its row and its bookings."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    mentor = models.ForeignKey("incubator.Mentor", verbose_name=_("mentor"),
                               on_delete=models.PROTECT, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices,
                            default=Mode.ONLINE)
    place = models.CharField(_("place"), max_length=255, blank=True)
    link = models.URLField(_("meeting link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("office-hour slot")
        verbose_name_plural = _("office-hour slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="incubator_slot_ends_after_start"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"]),
                   models.Index(fields=["mentor", "starts_at"])]

    def __str__(self):
        return f"{self.mentor} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def duration_minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class SlotBooking(models.Model):
    """A startup's booking of a slot. At most one active booking per slot (a partial
    unique constraint, the backstop of the conditional update in booking_create).
    Cancelling keeps the row: status, when and by whom."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    slot = models.ForeignKey(OfficeHourSlot, verbose_name=_("slot"), on_delete=models.PROTECT,
                             related_name="bookings")
    startup = models.ForeignKey("incubator.Startup", verbose_name=_("startup"),
                                on_delete=models.PROTECT, related_name="slot_bookings")
    founder = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("founder"),
                                on_delete=models.PROTECT, related_name="slot_bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("booked by"),
                                  on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    topic = models.TextField(_("what to discuss"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.ACTIVE)
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    # Set before a notice is sent, so a retried job never e-mails twice.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("office-hour booking")
        verbose_name_plural = _("office-hour bookings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot"], condition=models.Q(status="active"),
                                    name="incubator_one_active_booking_per_slot"),
        ]

    def __str__(self):
        return f"{self.startup} · {self.slot}"
