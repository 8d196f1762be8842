from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MentoringSession(models.Model):
    """A meeting of a mentor with a startup: made when a slot is booked (and cancelled
    with the booking) or recorded by staff. The startup sees `notes_for_startup`;
    `staff_notes` are for the mentor and staff only."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")

    mentor = models.ForeignKey("incubator.Mentor", verbose_name=_("mentor"),
                               on_delete=models.PROTECT, related_name="sessions")
    startup = models.ForeignKey("incubator.Startup", verbose_name=_("startup"),
                                on_delete=models.PROTECT, related_name="sessions")
    booking = models.OneToOneField("incubator.SlotBooking", verbose_name=_("booking"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="session")
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.PLANNED)
    notes_for_startup = models.TextField(_("notes for the startup"), blank=True)
    staff_notes = models.TextField(_("notes for staff only"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gt=0),
                                   name="incubator_session_duration_positive"),
        ]
        indexes = [models.Index(fields=["mentor", "starts_at"])]

    def __str__(self):
        return f"{self.mentor} · {self.startup} · {self.starts_at:%Y-%m-%d}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()
