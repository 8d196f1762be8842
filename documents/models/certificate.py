"""The certificate registry: every certificate the agency issues, verifiable by anyone
at /verify/<serial>/. Nothing here is ever deleted; revocation keeps the record."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models.document import Document, private_storage


class CertificateKind(models.TextChoices):
    GRADUATION = "graduation", _("Graduation")
    ATTENDANCE = "attendance", _("Attendance")
    TRAINING = "training", _("Training")


class CertificateBatch(models.Model):
    """One issuing run for many recipients: a background job with visible progress and,
    at the end, one ZIP of all the PDFs for staff."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=16, choices=CertificateKind.choices)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.QUEUED)
    # Every certificate of the request, new or already issued before, in order.
    certificate_ids = models.JSONField(default=list, blank=True)
    total = models.PositiveIntegerField(_("certificates"), default=0)
    rendered = models.PositiveIntegerField(_("rendered"), default=0)
    emailed = models.PositiveIntegerField(_("e-mailed"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    error = models.TextField(_("error"), blank=True)
    send_emails = models.BooleanField(_("e-mail each recipient"), default=True)
    zip_file = models.FileField(_("ZIP of all PDFs"), storage=private_storage,
                                upload_to="certificates/batches/", blank=True, max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title} ({self.total})"

    @property
    def progress_percent(self):
        if not self.total:
            return 100
        return int((self.rendered + self.failed) * 100 / self.total)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    Kind = CertificateKind

    serial = models.CharField(_("serial"), max_length=14, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CertificateKind.choices)
    recipient_name = models.CharField(_("recipient's name as printed"), max_length=200)
    recipient_email = models.EmailField(_("recipient's e-mail"), blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="certificates",
    )
    # Who the certificate is for, as one comparable key: "user:<id>" or "email:<address>".
    # Together with the kind and subject it makes issuing idempotent.
    recipient_key = models.CharField(max_length=254)
    enterprise = models.ForeignKey(
        "core.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="certificates",
    )
    title = models.CharField(_("what it certifies"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True,
                                     blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # The subject as one comparable key: "<app_label>.<model>:<pk>" for a row, or
    # "label:<text>" for a training run outside Yuva. NULL-free, so the uniqueness below
    # holds on every database.
    subject_key = models.CharField(max_length=255)
    # The subject as text when there is no row for it (e.g. a training run outside Yuva).
    subject_label = models.CharField(_("programme, event or training"), max_length=255,
                                     blank=True)
    centre = models.ForeignKey("core.Centre", verbose_name=_("issuing centre"),
                               on_delete=models.PROTECT, related_name="certificates")
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    issued_on = models.DateField(_("date of issue"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    document = models.OneToOneField(Document, on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="certificate")
    batch = models.ForeignKey(CertificateBatch, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="certificates")
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # One live certificate per person and subject; a revoked one may be
            # followed by a corrected re-issue.
            models.UniqueConstraint(
                fields=["kind", "subject_key", "recipient_key"],
                condition=models.Q(revoked_at__isnull=True),
                name="documents_certificate_once_per_recipient_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="documents_certificate_expiry_after_issue",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="documents_certificate_revocation_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["kind", "issued_on"])]

    def __str__(self):
        return f"{self.serial} — {self.recipient_name}"

    def status_on(self, day):
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_on is not None and self.expires_on < day:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return self.Status(self.status).label

    def get_verification_path(self):
        return reverse("verify:certificate", args=[self.serial])

    def get_verification_url(self):
        return settings.SITE_URL + self.get_verification_path()
