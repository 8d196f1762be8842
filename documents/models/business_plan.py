"""Business plans of enterprises: narrative sections and a financial model, edited by
the enterprise's members, submitted as numbered versions and reviewed by an adviser."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SECTIONS = (
    ("executive_summary", _("Executive summary")),
    ("products_services", _("Products and services")),
    ("market_customers", _("Market and customers")),
    ("competition", _("Competition")),
    ("marketing_sales", _("Marketing and sales")),
    ("operations", _("Operations")),
    ("team", _("Team")),
    ("risks", _("Risks and mitigation")),
)
SECTION_KEYS = tuple(key for key, _label in SECTIONS)
SECTION_LABELS = dict(SECTIONS)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


class BusinessPlan(models.Model):
    """The working copy. `sections` maps a section key to its text; `financials` holds
    the model's inputs with every amount as a decimal string (see documents.finance)."""

    Status = PlanStatus

    enterprise = models.ForeignKey("core.Enterprise", verbose_name=_("enterprise"),
                                   on_delete=models.PROTECT, related_name="business_plans")
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFT)
    start_month = models.DateField(_("first month of the forecast"))
    sections = models.JSONField(_("sections"), default=dict, blank=True)
    financials = models.JSONField(_("financial model"), default=dict, blank=True)
    prefilled_from = models.JSONField(_("prefilled from"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("business plan")
        verbose_name_plural = _("business plans")
        ordering = ["-updated_at"]
        permissions = [("review_businessplan", _("Can review business plans"))]
        indexes = [models.Index(fields=["enterprise", "status"])]

    def __str__(self):
        return f"{self.title} — {self.enterprise}"

    @property
    def is_editable(self):
        """Locked only while an adviser reviews it; editing an approved plan starts the
        next draft (the approved version stays frozen)."""
        return self.status != PlanStatus.SUBMITTED

    def section_items(self):
        return [(key, label, self.sections.get(key, "")) for key, label in SECTIONS]


class BusinessPlanVersion(models.Model):
    """A frozen copy of the plan as submitted, with the adviser's decision on it."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    plan = models.ForeignKey(BusinessPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    sections = models.JSONField(_("sections"), default=dict)
    financials = models.JSONField(_("financial model"), default=dict)
    start_month = models.DateField(_("first month of the forecast"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices,
                                default=Decision.PENDING)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comments = models.TextField(_("adviser's comments"), blank=True)

    class Meta:
        verbose_name = _("business plan version")
        verbose_name_plural = _("business plan versions")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"],
                                    name="documents_plan_version_unique"),
        ]

    def __str__(self):
        return f"{self.plan.title} v{self.number}"
