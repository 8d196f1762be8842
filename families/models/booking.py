"""Booking a shift: the published rules, the bookings, and suspensions after no-shows."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class BookingRules(models.Model):
    """The rules of one factory, or of one line that overrides its factory's rules as a
    whole. Families read them in plain words on the line's page (`sentences`)."""

    factory = models.OneToOneField("families.Factory", verbose_name=_("factory"),
                                   on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="booking_rules")
    line = models.OneToOneField("families.ProductionLine", verbose_name=_("production line"),
                                on_delete=models.CASCADE, null=True, blank=True,
                                related_name="booking_rules")
    max_days_ahead = models.PositiveSmallIntegerField(
        _("book at most this many days ahead"), default=28,
        validators=[MinValueValidator(1), MaxValueValidator(365)])
    min_notice_hours = models.PositiveSmallIntegerField(
        _("book at least this many hours before the start"), default=12,
        validators=[MaxValueValidator(24 * 30)])
    quota_per_week = models.PositiveSmallIntegerField(
        _("shifts per family per week"), default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)])
    quota_per_month = models.PositiveSmallIntegerField(
        _("shifts per family per month"), default=6,
        validators=[MinValueValidator(1), MaxValueValidator(200)])
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancel at least this many hours before the start"), default=24,
        validators=[MaxValueValidator(24 * 30)])
    no_show_limit = models.PositiveSmallIntegerField(
        _("no-shows before a suspension"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)])
    no_show_window_days = models.PositiveSmallIntegerField(
        _("counting no-shows over this many days"), default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)])
    suspension_days = models.PositiveSmallIntegerField(
        _("days of suspension"), default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)])
    waitlist_hold_hours = models.PositiveSmallIntegerField(
        _("hours to take an offered place"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 7)])

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(factory__isnull=False, line__isnull=True)
                | models.Q(factory__isnull=True, line__isnull=False),
                name="families_rules_factory_or_line",
                violation_error_message=_("Booking rules are for a whole factory or for one "
                                          "line: choose one of them."),
            ),
            models.CheckConstraint(condition=models.Q(quota_per_week__gte=1)
                                   & models.Q(quota_per_month__gte=models.F("quota_per_week")),
                                   name="families_rules_quotas_sane",
                                   violation_error_message=_(
                                       "The monthly quota cannot be smaller than the weekly "
                                       "one.")),
        ]

    def __str__(self):
        scope = self.line or self.factory
        return str(_("Booking rules: %(scope)s") % {"scope": scope})

    def scope_label(self):
        return self.line.name if self.line_id else self.factory.name

    def sentences(self):
        """The rules in plain words, in the active language: one sentence per number,
        so every language can put each plural right."""
        scope = self.scope_label()
        sentences = [
            ngettext("You can book a shift up to %(days)s day ahead.",
                     "You can book a shift up to %(days)s days ahead.",
                     self.max_days_ahead) % {"days": self.max_days_ahead},
        ]
        if self.min_notice_hours:
            sentences.append(ngettext(
                "Booking closes %(hours)s hour before the shift starts.",
                "Booking closes %(hours)s hours before the shift starts.",
                self.min_notice_hours) % {"hours": self.min_notice_hours})
        sentences += [
            ngettext("A family can book at most %(count)s shift a week at %(scope)s.",
                     "A family can book at most %(count)s shifts a week at %(scope)s.",
                     self.quota_per_week) % {"count": self.quota_per_week, "scope": scope},
            ngettext("A family can book at most %(count)s shift a month at %(scope)s.",
                     "A family can book at most %(count)s shifts a month at %(scope)s.",
                     self.quota_per_month) % {"count": self.quota_per_month, "scope": scope},
            str(_("A family cannot book two shifts that overlap in time.")),
            ngettext("You can cancel a booking until %(hours)s hour before the shift starts.",
                     "You can cancel a booking until %(hours)s hours before the shift starts.",
                     self.cancel_cutoff_hours) % {"hours": self.cancel_cutoff_hours},
            ngettext("A booked shift the family neither comes to nor cancels is a no-show; "
                     "no-shows are counted over the last %(days)s day.",
                     "A booked shift the family neither comes to nor cancels is a no-show; "
                     "no-shows are counted over the last %(days)s days.",
                     self.no_show_window_days) % {"days": self.no_show_window_days},
            ngettext("After %(count)s no-show in that time, the family cannot book for a while.",
                     "After %(count)s no-shows in that time, the family cannot book for a while.",
                     self.no_show_limit) % {"count": self.no_show_limit},
            ngettext("That suspension lasts %(days)s day; staff can lift it.",
                     "That suspension lasts %(days)s days; staff can lift it.",
                     self.suspension_days) % {"days": self.suspension_days},
            ngettext("When a shift is full, you can join its waiting list. If a place frees "
                     "up, the first family on the list gets an e-mail and has %(hours)s hour "
                     "to take it; then it passes to the next.",
                     "When a shift is full, you can join its waiting list. If a place frees "
                     "up, the first family on the list gets an e-mail and has %(hours)s hours "
                     "to take it; then it passes to the next.",
                     self.waitlist_hold_hours) % {"hours": self.waitlist_hold_hours},
        ]
        return sentences


class ShiftBooking(models.Model):
    """A family's place on a shift. Never deleted: cancelling sets the status, when and
    why. `starts_at`/`ends_at` copy the shift's, so overlaps and quotas are checked (and
    on PostgreSQL constrained) on this table alone."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        DIRECT = "direct", _("Booked directly")
        WAITLIST = "waitlist", _("From the waiting list")

    ACTIVE = (Status.BOOKED, Status.CHECKED_IN, Status.NO_SHOW)

    shift = models.ForeignKey("families.Shift", verbose_name=_("shift"),
                              on_delete=models.PROTECT, related_name="bookings")
    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="bookings")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("family member"),
                               on_delete=models.PROTECT, related_name="shift_bookings")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.BOOKED)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices,
                              default=Source.DIRECT)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    no_show_at = models.DateTimeField(_("marked as no-show"), null=True, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("marked by"),
                                  on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("shift booking")
        verbose_name_plural = _("shift bookings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "family"],
                condition=models.Q(status__in=["booked", "checked_in", "no_show"]),
                name="families_booking_once_per_shift",
            ),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="families_booking_ends_after_start"),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | models.Q(cancelled_at__isnull=False),
                name="families_booking_cancelled_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["family", "starts_at"]),
            models.Index(fields=["shift", "status"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.family} — {self.shift}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE


class Suspension(models.Model):
    """A family may not book until `ends_at`. Made automatically after too many no-shows
    (created_by empty) or by staff; lifting keeps the row with who, when and why."""

    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="suspensions")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=255)
    no_shows = models.PositiveSmallIntegerField(_("no-shows counted"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("suspended by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("lifted by"),
                                  on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    lift_reason = models.CharField(_("reason for lifting"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="families_suspension_ends_after_start"),
            models.CheckConstraint(
                condition=models.Q(lifted_at__isnull=True) | ~models.Q(lift_reason=""),
                name="families_suspension_lift_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["family", "ends_at"])]

    def __str__(self):
        return str(_("Suspension until %(day)s") % {
            "day": timezone.localtime(self.ends_at).strftime("%d.%m.%Y")})

    def is_active_at(self, moment):
        return self.lifted_at is None and self.starts_at <= moment < self.ends_at
