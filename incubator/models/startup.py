from decimal import Decimal

from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Startup(models.Model):
    """A startup: extends one core.Enterprise (kind startup) with what the incubator
    needs to know about it."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        MVP = "mvp", _("MVP")
        REVENUE = "revenue", _("Revenue")
        SCALE = "scale", _("Scale")

    enterprise = models.OneToOneField("core.Enterprise", on_delete=models.PROTECT,
                                      related_name="startup")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices,
                             default=Stage.IDEA)
    technology = models.CharField(_("technology"), max_length=200, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True,
                               validators=[URLValidator(schemes=["http", "https"])])
    pitch = models.TextField(_("pitch"), blank=True)
    team_size = models.PositiveIntegerField(_("team size"), default=1)
    capital_raised = models.DecimalField(_("capital raised (₼)"), max_digits=14,
                                         decimal_places=2, default=Decimal("0"),
                                         validators=[MinValueValidator(Decimal("0"))])
    public_profile = models.BooleanField(
        _("show in the public startup directory"), default=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("startup")
        verbose_name_plural = _("startups")
        constraints = [
            models.CheckConstraint(condition=models.Q(capital_raised__gte=0),
                                   name="incubator_startup_capital_not_negative"),
        ]

    def __str__(self):
        return self.enterprise.name
