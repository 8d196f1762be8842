"""A family business in the ABAD programme: the Family (extending one core Enterprise),
its household, and the application a family sends before it is accepted."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Region


class TradeKind(models.TextChoices):
    FOOD = "food", _("Food")
    CRAFT = "craft", _("Craft")


class Trade(models.TextChoices):
    JAM = "jam", _("Jam and preserves")
    DAIRY = "dairy", _("Dairy")
    BAKERY = "bakery", _("Bakery")
    DRIED_FRUIT = "dried_fruit", _("Dried fruit and nuts")
    HONEY = "honey", _("Honey")
    TEA = "tea", _("Tea and herbs")
    JUICE = "juice", _("Juices and syrups")
    PICKLES = "pickles", _("Pickles")
    OTHER_FOOD = "other_food", _("Other food")
    CARPETS = "carpets", _("Carpets and weaving")
    WOODWORK = "woodwork", _("Woodwork")
    KNITTING = "knitting", _("Knitting and wool")
    SILK = "silk", _("Silk and kelaghayi")
    COPPER = "copper", _("Copperware")
    POTTERY = "pottery", _("Pottery")
    OTHER_CRAFT = "other_craft", _("Other craft")


FOOD_TRADES = (Trade.JAM, Trade.DAIRY, Trade.BAKERY, Trade.DRIED_FRUIT, Trade.HONEY, Trade.TEA,
               Trade.JUICE, Trade.PICKLES, Trade.OTHER_FOOD)
CRAFT_TRADES = tuple(t for t in Trade if t not in FOOD_TRADES)
TRADE_MATCHES_KIND = (
    models.Q(trade_kind=TradeKind.FOOD, trade__in=[t.value for t in FOOD_TRADES])
    | models.Q(trade_kind=TradeKind.CRAFT, trade__in=[t.value for t in CRAFT_TRADES])
)


def trade_kind_of(trade):
    return TradeKind.FOOD if trade in FOOD_TRADES else TradeKind.CRAFT


class Family(models.Model):
    """A family business: extends one core.Enterprise (kind family) with what ABAD
    needs to know about it."""

    class Stage(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ONBOARDING = "onboarding", _("Onboarding")
        PRODUCING = "producing", _("Producing")
        SELLING = "selling", _("Selling")
        GRADUATED = "graduated", _("Graduated")

    enterprise = models.OneToOneField("core.Enterprise", verbose_name=_("enterprise"),
                                      on_delete=models.PROTECT, related_name="family")
    trade_kind = models.CharField(_("food or craft"), max_length=8, choices=TradeKind.choices)
    trade = models.CharField(_("trade"), max_length=16, choices=Trade.choices)
    trade_detail = models.CharField(_("what exactly"), max_length=200, blank=True)
    settlement = models.CharField(_("village or town"), max_length=120)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices,
                             default=Stage.ONBOARDING)
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adviser"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="advised_families",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("family business")
        verbose_name_plural = _("family businesses")
        ordering = ["enterprise__name"]
        constraints = [
            models.CheckConstraint(condition=TRADE_MATCHES_KIND,
                                   name="families_family_trade_matches_kind"),
        ]
        indexes = [models.Index(fields=["stage", "trade"])]

    def __str__(self):
        return self.enterprise.name

    @property
    def name(self):
        return self.enterprise.name


class HouseholdMember(models.Model):
    class Relation(models.TextChoices):
        HEAD = "head", _("Head of the household")
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Son or daughter")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Brother or sister")
        GRANDCHILD = "grandchild", _("Grandchild")
        OTHER = "other", _("Other relative")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="household")
    name = models.CharField(_("name"), max_length=150)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    role = models.CharField(_("role in the business"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="household_memberships",
    )

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["family", "pk"]

    def __str__(self):
        return self.name


class FamilyApplication(models.Model):
    """A family asks to join ABAD from the portal; an adviser accepts or declines it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("applicant"),
                                  on_delete=models.PROTECT, related_name="family_applications")
    business_name = models.CharField(_("name of the family business"), max_length=160)
    trade_kind = models.CharField(_("food or craft"), max_length=8, choices=TradeKind.choices)
    trade = models.CharField(_("trade"), max_length=16, choices=Trade.choices)
    products = models.TextField(_("what you make"))
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    settlement = models.CharField(_("village or town"), max_length=120)
    women_led = models.BooleanField(_("led by a woman"), default=False)
    # [{"name", "relation", "birth_year", "gender", "role", "email"}], the applicant first.
    members = models.JSONField(_("household"), default=list, blank=True)
    help_needed = models.JSONField(_("help needed"), default=list, blank=True)
    help_note = models.TextField(_("what help you need"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    family = models.OneToOneField(Family, verbose_name=_("family business"),
                                  on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="application")
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("family application")
        verbose_name_plural = _("family applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["applicant"], condition=models.Q(status="submitted"),
                                    name="families_one_open_application"),
            models.CheckConstraint(condition=~models.Q(status="declined")
                                   | ~models.Q(decline_reason=""),
                                   name="families_declined_has_reason"),
            models.CheckConstraint(condition=TRADE_MATCHES_KIND,
                                   name="families_application_trade_matches_kind"),
        ]

    def __str__(self):
        return self.business_name
