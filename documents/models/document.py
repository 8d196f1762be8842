"""Every generated PDF is a Document row: what it is, whose it is, how far its
rendering got, and the file with its checksum."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    return storages["private"]


def document_upload_to(instance, filename):
    return f"documents/{instance.kind}/{instance.created_at:%Y/%m}/{filename}"


class Document(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE_PROFILE = "enterprise_profile", _("Enterprise profile")
        CERTIFICATE = "certificate", _("Certificate")
        BUSINESS_PLAN = "business_plan", _("Business plan")
        LABEL = "label", _("Label sheet")
        STATEMENT = "statement", _("Statement")
        REPORT = "report", _("Report")
        # --- fam-retail ---
        RETAIL_CONTRACT = "retail_contract", _("Retail contract")
        DELIVERY_NOTE = "delivery_note", _("Delivery note")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    enterprise = models.ForeignKey(
        "core.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="documents",
    )
    owner_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True,
    )
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED,
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=document_upload_to, blank=True,
        max_length=255,
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="requested_documents",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "updated_at"]),
            models.Index(fields=["owner_type", "owner_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(sha256=""),
                name="documents_ready_has_checksum",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
