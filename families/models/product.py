"""What a family sells: its Brand within the common ABAD brand, its Products with their
GTINs, photos and compliance documents, the design proofs of a branding, packaging or
label request, and the approved artwork (every version kept)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from documents.models.document import private_storage

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class Category(models.TextChoices):
    JAM = "jam", _("Jam and preserves")
    CHEESE = "cheese", _("Cheese and dairy")
    SAUSAGE = "sausage", _("Sausage and meat")
    DRIED_FRUIT = "dried_fruit", _("Dried fruit and nuts")
    TEA = "tea", _("Tea and herbs")
    FLOUR = "flour", _("Flour and bakery")
    BEVERAGE = "beverage", _("Beverages and syrups")
    HONEY = "honey", _("Honey")
    PICKLES = "pickles", _("Pickles")
    CARPET = "carpet", _("Carpets and weaving")
    WOODWORK = "woodwork", _("Woodwork")
    TEXTILE = "textile", _("Textiles and knitting")
    SOUVENIR = "souvenir", _("Souvenirs")
    OTHER = "other", _("Other")


FOOD_CATEGORIES = (Category.JAM, Category.CHEESE, Category.SAUSAGE, Category.DRIED_FRUIT,
                   Category.TEA, Category.FLOUR, Category.BEVERAGE, Category.HONEY,
                   Category.PICKLES)


class NetUnit(models.TextChoices):
    GRAM = "g", _("g")
    KILOGRAM = "kg", _("kg")
    MILLILITRE = "ml", _("ml")
    LITRE = "l", _("l")
    PIECE = "pcs", _("pcs")
    CENTIMETRE = "cm", _("cm")
    SQUARE_METRE = "m2", _("m²")


class Brand(models.Model):
    """A family's own brand and design, sold under the common ABAD brand."""

    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="brands")
    name = models.CharField(_("name"), max_length=120)
    story = models.TextField(_("story"), blank=True)
    logo = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    primary_colour = models.CharField(_("primary colour"), max_length=7, blank=True,
                                      validators=[COLOUR])
    secondary_colour = models.CharField(_("secondary colour"), max_length=7, blank=True,
                                        validators=[COLOUR])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["family", "name"], name="families_brand_unique_name"),
        ]

    def __str__(self):
        return self.name


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_DESIGN = "in_design", _("In design")
        APPROVED = "approved", _("Approved")
        LISTED = "listed", _("Listed")
        DISCONTINUED = "discontinued", _("Discontinued")

    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="products")
    brand = models.ForeignKey(Brand, verbose_name=_("brand"), on_delete=models.PROTECT,
                              related_name="products")
    code = models.CharField(_("product code"), max_length=32, unique=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    name_az = models.CharField(_("name (Azerbaijani)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    description_az = models.TextField(_("description (Azerbaijani)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    ingredients = models.TextField(_("ingredients or materials"), blank=True)
    net_quantity = models.DecimalField(_("net weight or size"), max_digits=10,
                                       decimal_places=3,
                                       validators=[MinValueValidator(Decimal("0.001"))])
    net_unit = models.CharField(_("unit"), max_length=4, choices=NetUnit.choices)
    shelf_life_days = models.PositiveIntegerField(
        _("shelf life in days"), null=True, blank=True,
        help_text=_("Leave empty for products that do not expire (crafts)."))
    recommended_price = models.DecimalField(_("recommended retail price (₼)"), max_digits=10,
                                            decimal_places=2,
                                            validators=[MinValueValidator(Decimal("0"))])
    gtin = models.CharField(_("GTIN (EAN-13)"), max_length=13, null=True, blank=True,
                            unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name_az", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(recommended_price__gte=0),
                                   name="families_product_price_not_negative"),
            models.CheckConstraint(condition=models.Q(net_quantity__gt=0),
                                   name="families_product_net_positive"),
        ]
        indexes = [models.Index(fields=["status", "category"])]

    def __str__(self):
        return self.name

    @property
    def name(self):
        """The name in the active language, falling back to Azerbaijani."""
        lang = (translation.get_language() or "az")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_az

    @property
    def description(self):
        lang = (translation.get_language() or "az")[:2]
        return getattr(self, f"description_{lang}", "") or self.description_az

    @property
    def is_food(self):
        return self.category in FOOD_CATEGORIES


def product_photo_upload_to(instance, filename):
    return f"products/{instance.product_id}/{filename}"


class ProductPhoto(models.Model):
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE,
                                related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"),
                              on_delete=models.PROTECT, related_name="+")
    alt_text = models.CharField(_("description for people who cannot see the photo"),
                                max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.alt_text


def compliance_upload_to(instance, filename):
    return f"compliance/{instance.product_id}/{filename}"


class ComplianceDocument(models.Model):
    """A food-safety certificate, licence or declaration a product needs to be sold.
    Once expired, the product can be neither listed nor delivered."""

    class Kind(models.TextChoices):
        FOOD_SAFETY = "food_safety", _("Food-safety certificate")
        LICENCE = "licence", _("Licence")
        CONFORMITY = "conformity", _("Declaration of conformity")
        OTHER = "other", _("Other")

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE,
                                related_name="compliance_documents")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=80)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=compliance_upload_to,
                            blank=True, max_length=255)
    warned_at = models.DateTimeField(_("expiry warning sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("compliance document")
        verbose_name_plural = _("compliance documents")
        ordering = ["expires_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_on__gte=models.F("issued_on")),
                                   name="families_compliance_expires_after_issue"),
        ]
        indexes = [models.Index(fields=["expires_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class GtinRange(models.Model):
    """A block of GS1 numbers the agency owns: GTINs are the prefix, an item number and
    a check digit; `next_item` moves forward by a conditional update, so two staff
    assigning at once never get the same number."""

    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("company prefix"), max_length=10,
                              validators=[RegexValidator(r"^\d{6,10}$",
                                                         _("6 to 10 digits."))])
    next_item = models.PositiveIntegerField(_("next item number"), default=0)
    last_item = models.PositiveIntegerField(_("last item number"))

    class Meta:
        verbose_name = _("GTIN range")
        verbose_name_plural = _("GTIN ranges")
        constraints = [
            models.CheckConstraint(condition=models.Q(next_item__lte=models.F("last_item") + 1),
                                   name="families_gtin_range_not_overrun"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix})"


def proof_upload_to(instance, filename):
    return f"proofs/{instance.service_request_id}/{instance.version}-{filename}"


class DesignProof(models.Model):
    """One version of a design (brand, packaging, label) an adviser or designer uploads
    on a service request; the family approves it or asks for changes in the portal."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for the family")
        APPROVED = "approved", _("Approved")
        CHANGES = "changes", _("Changes requested")
        SUPERSEDED = "superseded", _("Superseded by a newer version")

    service_request = models.ForeignKey("families.ServiceRequest",
                                        verbose_name=_("service request"),
                                        on_delete=models.PROTECT, related_name="proofs")
    brand = models.ForeignKey(Brand, verbose_name=_("brand"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="proofs")
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="proofs")
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=proof_upload_to,
                            max_length=255)
    content_type = models.CharField(_("content type"), max_length=64)
    note = models.TextField(_("note"), blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices,
                                default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("family's comment"), blank=True)

    class Meta:
        verbose_name = _("design proof")
        verbose_name_plural = _("design proofs")
        ordering = ["service_request", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["service_request", "version"],
                                    name="families_proof_unique_version"),
        ]

    def __str__(self):
        return f"{self.service_request} v{self.version}"


class Artwork(models.Model):
    """Approved artwork attached to a brand (logo) or a product (label, packaging);
    a newer approval adds a version, never overwrites one."""

    class Kind(models.TextChoices):
        LOGO = "logo", _("Logo")
        LABEL = "label", _("Label")
        PACKAGING = "packaging", _("Packaging")

    brand = models.ForeignKey(Brand, verbose_name=_("brand"), on_delete=models.PROTECT,
                              related_name="artworks")
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="artworks")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    proof = models.OneToOneField(DesignProof, verbose_name=_("approved proof"),
                                 on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="artwork")
    file = models.FileField(_("file"), storage=private_storage, upload_to="artwork/",
                            max_length=255)
    approved_at = models.DateTimeField(_("approved"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("artwork")
        verbose_name_plural = _("artworks")
        ordering = ["brand", "product", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["product", "kind", "version"],
                                    condition=models.Q(product__isnull=False),
                                    name="families_artwork_unique_product_version"),
            models.UniqueConstraint(fields=["brand", "kind", "version"],
                                    condition=models.Q(product__isnull=True),
                                    name="families_artwork_unique_brand_version"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"
