"""The shared kernel: people, the agency's centres, the enterprises it supports,
and the satisfaction feedback every service collects."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    BAKU = "baku", _("Baku")
    ABSHERON = "absheron", _("Absheron")
    SUMGAIT = "sumgait", _("Sumgait")
    GANJA = "ganja", _("Ganja")
    SHEKI = "sheki", _("Sheki")
    SHAMAKHI = "shamakhi", _("Shamakhi")
    ISMAYILLI = "ismayilli", _("Ismayilli")
    GABALA = "gabala", _("Gabala")
    GUBA = "guba", _("Guba")
    GUSAR = "gusar", _("Gusar")
    KHACHMAZ = "khachmaz", _("Khachmaz")
    BALAKAN = "balakan", _("Balakan")
    ZAGATALA = "zagatala", _("Zagatala")
    GAKH = "gakh", _("Gakh")
    LANKARAN = "lankaran", _("Lankaran")
    MASALLY = "masally", _("Masally")
    ASTARA = "astara", _("Astara")
    MINGACHEVIR = "mingachevir", _("Mingachevir")
    SHIRVAN = "shirvan", _("Shirvan")
    GOYCHAY = "goychay", _("Goychay")
    NAKHCHIVAN = "nakhchivan", _("Nakhchivan")
    SHUSHA = "shusha", _("Shusha")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The same account can be a founder, a family member, a mentor,
    a reviewer and staff at once; roles come from memberships and groups."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="core_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name.split(" ")[0] if self.full_name else self.email)


class Centre(models.Model):
    """A physical site of the agency."""

    class Kind(models.TextChoices):
        INCUBATION_CENTRE = "incubation_centre", _("Incubation centre")
        REGIONAL_BRANCH = "regional_branch", _("Regional branch")
        FACTORY = "factory", _("Factory")
        REGIONAL_CENTRE = "regional_centre", _("Regional centre")

    class Programme(models.TextChoices):
        INNOLAND = "innoland", "INNOLAND"
        ABAD = "abad", "ABAD"

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    programme = models.CharField(_("programme"), max_length=16, choices=Programme.choices)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Enterprise(models.Model):
    """Any business the agency supports: the profile a startup and a family
    business share. `incubator.Startup` and `families.Family` extend it one-to-one."""

    class Kind(models.TextChoices):
        STARTUP = "startup", _("Startup")
        FAMILY = "family", _("Family business")

    class Sector(models.TextChoices):
        AGRITECH = "agritech", _("Agritech")
        FINTECH = "fintech", _("Fintech")
        EDTECH = "edtech", _("Edtech")
        HEALTH = "health", _("Health")
        ECOMMERCE = "ecommerce", _("E-commerce")
        TOURISM = "tourism", _("Tourism")
        LOGISTICS = "logistics", _("Logistics")
        GREEN = "green", _("Green energy")
        SOFTWARE = "software", _("Software")
        FOOD = "food", _("Food production")
        CRAFT = "craft", _("Handicraft")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT,
        related_name="enterprises", null=True, blank=True,
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    women_led = models.BooleanField(_("women-led"), default=False)
    employees = models.PositiveIntegerField(_("employees"), default=0)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="enterprises",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employees__lte=100_000), name="core_enterprise_employees_sane",
            ),
        ]
        indexes = [models.Index(fields=["kind", "region"])]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.founded_on is not None:
            if self.founded_on > timezone.localdate():
                errors["founded_on"] = _("The founding date cannot be in the future.")
            elif self.founded_on.year < 1900:
                errors["founded_on"] = _("Enter a founding date after 1900.")
        if self.employees is not None and self.employees > 100_000:
            errors["employees"] = _("Enter the number of people the enterprise employs.")
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "user"], name="core_membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.enterprise} ({self.get_role_display()})"


class Feedback(models.Model):
    """A 1–5 rating and comment after a service. Later apps point it at an event,
    a mentoring session, a shift or an advisory service through `subject`."""

    class Service(models.TextChoices):
        EVENT = "event", _("Event")
        MENTORING = "mentoring", _("Mentoring session")
        SHIFT = "shift", _("Factory shift")
        ADVISORY = "advisory", _("Advisory service")
        OTHER = "other", _("Other")

    service = models.CharField(_("service"), max_length=16, choices=Service.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="feedback",
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback",
    )
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True,
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="core_feedback_rating_1_5",
            ),
            models.UniqueConstraint(
                fields=["author", "subject_type", "subject_id"],
                name="core_feedback_once_per_subject",
            ),
        ]
        indexes = [models.Index(fields=["service", "centre"])]

    def __str__(self):
        return f"{self.get_service_display()}: {self.rating}/5"
