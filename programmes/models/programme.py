"""Programmes and their calls for applications, with the questions staff build."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Programme(models.Model):
    class Kind(models.TextChoices):
        INCUBATION = "incubation", _("Incubation")
        PRE_ACCELERATION = "pre_acceleration", _("Pre-acceleration")
        ACCELERATION = "acceleration", _("Acceleration")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    centre = models.ForeignKey("core.Centre", verbose_name=_("centre"),
                               on_delete=models.PROTECT, related_name="programmes")
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration in weeks"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(260)],
    )
    description = models.TextField(_("description"), blank=True)
    benefits = models.TextField(_("benefits"), blank=True,
                                help_text=_("What a startup gets: one benefit a line."))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def benefit_list(self):
        return [line.strip() for line in self.benefits.splitlines() if line.strip()]


class Call(ClusterableModel):
    """A call for applications to a programme, open between two moments, with its own
    questions."""

    programme = models.ForeignKey(Programme, verbose_name=_("programme"),
                                  on_delete=models.PROTECT, related_name="calls")
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="programmes_call_closes_after_opening"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A call must close after it opens.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Question(Orderable):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NUMBER = "number", _("Number")
        CHOICE = "choice", _("Choice")
        FILE = "file", _("File upload (PDF)")

    call = ParentalKey(Call, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=255)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=Kind.choices,
                            default=Kind.SHORT_TEXT)
    choices = models.TextField(_("choices"), blank=True,
                               help_text=_("For a choice question: one option a line."))
    required = models.BooleanField(_("required"), default=True)

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two "
                                                "options, one a line.")})
