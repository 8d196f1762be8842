from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Mentor(models.Model):
    """A person who mentors startups: from Baku, the regions, or the diaspora abroad."""

    class Location(models.TextChoices):
        BAKU = "baku", _("Baku")
        REGIONS = "regions", _("Regions of Azerbaijan")
        ABROAD = "abroad", _("Abroad")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="mentor")
    expertise = models.JSONField(_("expertise areas"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    location = models.CharField(_("location"), max_length=16, choices=Location.choices,
                                default=Location.BAKU)
    city = models.CharField(_("city"), max_length=100, blank=True)
    capacity_per_month = models.PositiveSmallIntegerField(_("sessions per month"), default=4)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self):
        return str(self.user)


class MentorAssignment(models.Model):
    """Staff assign a mentor to a startup. Ending an assignment keeps it (ended_on)."""

    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="assignments")
    startup = models.ForeignKey("incubator.Startup", on_delete=models.PROTECT,
                                related_name="mentor_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "startup"],
                                    condition=models.Q(ended_on__isnull=True),
                                    name="incubator_one_open_assignment_per_pair"),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.startup}"
