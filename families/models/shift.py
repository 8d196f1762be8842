"""The shift calendar: templates say when a line works, closures say when it does not,
and a scheduled job turns them into Shift rows a few weeks ahead."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WEEKDAYS = (
    (0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
    (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday")),
)


class ShiftTemplate(models.Model):
    line = models.ForeignKey("families.ProductionLine", verbose_name=_("production line"),
                             on_delete=models.PROTECT, related_name="templates")
    weekdays = models.JSONField(_("weekdays"), default=list,
                                help_text=_("0 is Monday, 6 is Sunday."))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("shift template")
        verbose_name_plural = _("shift templates")
        ordering = ["line", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="families_template_ends_after_start",
                                   violation_error_message=_(
                                       "A shift must end after it starts.")),
        ]

    def __str__(self):
        return f"{self.line} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def weekday_labels(self):
        names = dict(WEEKDAYS)
        return ", ".join(str(names[d]) for d in sorted(self.weekdays))

    def runs_on(self, day):
        if day.weekday() not in self.weekdays:
            return False
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


class Closure(models.Model):
    """Days a whole factory or one line does not work: holidays, maintenance."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        MAINTENANCE = "maintenance", _("Maintenance")
        OTHER = "other", _("Other")

    factory = models.ForeignKey("families.Factory", verbose_name=_("factory"),
                                on_delete=models.PROTECT, null=True, blank=True,
                                related_name="closures")
    line = models.ForeignKey("families.ProductionLine", verbose_name=_("production line"),
                             on_delete=models.PROTECT, null=True, blank=True,
                             related_name="closures")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices,
                            default=Kind.HOLIDAY)
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="families_closure_dates_in_order",
                                   violation_error_message=_(
                                       "A closure ends on or after the day it starts.")),
            models.CheckConstraint(
                condition=models.Q(factory__isnull=False, line__isnull=True)
                | models.Q(factory__isnull=True, line__isnull=False),
                name="families_closure_factory_or_line",
                violation_error_message=_("A closure is for a whole factory or for one line: "
                                          "choose one of them."),
            ),
        ]

    def __str__(self):
        return f"{self.reason} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on


class Shift(models.Model):
    """One shift of one line. `booked_count` and `held_count` (places held for a family
    offered them from the waiting list) are the capacity counters the booking service
    changes with conditional updates; the check constraint is the backstop."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    line = models.ForeignKey("families.ProductionLine", verbose_name=_("production line"),
                             on_delete=models.PROTECT, related_name="shifts")
    template = models.ForeignKey(ShiftTemplate, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Monday of the shift's week in Baku time, for weekly quotas and reports.
    week_start = models.DateField(_("week"))
    capacity = models.PositiveSmallIntegerField(_("workstations"))
    booked_count = models.PositiveSmallIntegerField(_("booked"), default=0)
    held_count = models.PositiveSmallIntegerField(_("held for the waiting list"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.SCHEDULED)
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("technician"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="technician_shifts",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "line"]
        constraints = [
            models.UniqueConstraint(fields=["line", "starts_at"], name="families_shift_unique"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="families_shift_ends_after_start",
                                   violation_error_message=_(
                                       "A shift must end after it starts.")),
            models.CheckConstraint(
                condition=models.Q(booked_count__lte=models.F("capacity")
                                   - models.F("held_count")),
                name="families_shift_within_capacity",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["week_start", "line"]),
            models.Index(fields=["technician", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.line} {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def free_places(self):
        return max(0, self.capacity - self.booked_count - self.held_count)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


def week_start_of(day):
    """Monday of the week of `day` (a date)."""
    return day - datetime.timedelta(days=day.weekday())
