from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImpactReport(models.Model):
    """A startup's figures for one month. Stored against the Enterprise (DESIGN.md:
    impact figures are recorded per Enterprise, so one scorecard can cover both
    programmes); incubator files them only for startups. `month` is the first day."""

    enterprise = models.ForeignKey("core.Enterprise", verbose_name=_("enterprise"),
                                   on_delete=models.PROTECT, related_name="impact_reports")
    month = models.DateField(_("month"))
    revenue = models.DecimalField(_("revenue (₼)"), max_digits=14, decimal_places=2,
                                  validators=[MinValueValidator(Decimal("0"))])
    users = models.PositiveIntegerField(_("users or customers"))
    employees = models.PositiveIntegerField(_("employees"))
    capital_raised = models.DecimalField(_("capital raised this month (₼)"), max_digits=14,
                                         decimal_places=2, default=Decimal("0"),
                                         validators=[MinValueValidator(Decimal("0"))])
    comment = models.TextField(_("comment"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("filed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("impact report")
        verbose_name_plural = _("impact reports")
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "month"],
                                    name="incubator_one_impact_report_per_month"),
            models.CheckConstraint(condition=models.Q(revenue__gte=0),
                                   name="incubator_impact_revenue_not_negative"),
            models.CheckConstraint(condition=models.Q(capital_raised__gte=0),
                                   name="incubator_impact_capital_not_negative"),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.month:%Y-%m}"


class ImpactReminder(models.Model):
    """One row per enterprise and month that a reminder was sent for: the reminder
    job claims it (insert, or a conditional update once the interval has passed), so
    running the job twice never sends twice."""

    enterprise = models.ForeignKey("core.Enterprise", on_delete=models.CASCADE,
                                   related_name="impact_reminders")
    month = models.DateField(_("month"))
    sent_count = models.PositiveSmallIntegerField(_("reminders sent"), default=1)
    first_sent_at = models.DateTimeField(_("first sent"))
    last_sent_at = models.DateTimeField(_("last sent"))

    class Meta:
        verbose_name = _("impact report reminder")
        verbose_name_plural = _("impact report reminders")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "month"],
                                    name="incubator_one_reminder_row_per_month"),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.month:%Y-%m} ×{self.sent_count}"
