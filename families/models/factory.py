"""Where families produce: factories at the agency's centres, their production lines,
and the trainings a line asks for before a family member may book it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    LITRE = "l", _("litres")
    PIECE = "pcs", _("pieces")
    JAR = "jar", _("jars")
    BOTTLE = "bottle", _("bottles")
    SQUARE_METRE = "m2", _("m²")


class Factory(models.Model):
    centre = models.ForeignKey("core.Centre", verbose_name=_("centre"), on_delete=models.PROTECT,
                               related_name="factories")
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("factory")
        verbose_name_plural = _("factories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Training(models.Model):
    """A training a family member needs before using a line (e.g. food hygiene). It is
    completed by a TrainingRecord staff write, or by attending one of `event_ids`: the
    events app's prerequisite training events that teach it (plain ids, so families
    does not depend on the events tables; see selectors.factories)."""

    name = models.CharField(_("name"), max_length=160)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    event_ids = models.JSONField(_("training events that count"), default=list, blank=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TrainingRecord(models.Model):
    """Staff record that a person has completed a training. Revoking keeps the row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.PROTECT, related_name="training_records")
    training = models.ForeignKey(Training, verbose_name=_("training"), on_delete=models.PROTECT,
                                 related_name="records")
    completed_on = models.DateField(_("completed on"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    revoke_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "training"],
                                    condition=models.Q(revoked_at__isnull=True),
                                    name="families_one_valid_training_record"),
        ]

    def __str__(self):
        return f"{self.user} — {self.training}"


class ProductionLine(models.Model):
    factory = models.ForeignKey(Factory, verbose_name=_("factory"), on_delete=models.PROTECT,
                                related_name="lines")
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    equipment = models.TextField(_("equipment"), blank=True)
    workstations = models.PositiveSmallIntegerField(
        _("family workstations per shift"), validators=[MinValueValidator(1),
                                                        MaxValueValidator(200)],
    )
    output_unit = models.CharField(_("unit of output"), max_length=8, choices=Unit.choices,
                                   default=Unit.KG)
    required_trainings = models.ManyToManyField(
        Training, verbose_name=_("required trainings"), blank=True, related_name="lines",
    )
    default_technician = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("default technician"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("New shifts of this line get this technician."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("production line")
        verbose_name_plural = _("production lines")
        ordering = ["factory__name", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(workstations__gte=1),
                                   name="families_line_has_workstations",
                                   violation_error_message=_(
                                       "A line has at least one workstation.")),
        ]

    def __str__(self):
        return self.name
