"""The one-stop shop: a family asks ABAD for help (a business plan, branding, legal
help, ...); an adviser takes it on; both write messages; every change is an event on
the request's timeline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.models.document import private_storage


class ServiceRequest(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_PLAN = "business_plan", _("Business plan")
        BRANDING = "branding", _("Branding")
        PACKAGING = "packaging", _("Packaging design")
        LABEL = "label", _("Label")
        LEGAL = "legal", _("Legal help")
        ACCOUNTING = "accounting", _("Accounting")
        CERTIFICATION = "certification", _("Certification and licensing")
        TRAINING = "training", _("Training")
        MARKET_ACCESS = "market_access", _("Market access")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned to an adviser")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for the family")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING)

    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="service_requests")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.NEW)
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adviser"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="service_requests_advised",
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["adviser", "status"]),
            models.Index(fields=["status", "target_date"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class ServiceRequestEvent(models.Model):
    """One line of a request's timeline. Written by the services, never edited."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        ASSIGNED = "assigned", _("Adviser assigned")
        STATUS = "status", _("Status changed")
        TARGET = "target", _("Target date set")
        MESSAGE = "message", _("Message")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")
        RATED = "rated", _("Rated")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=ServiceRequest.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                              on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("service request event")
        verbose_name_plural = _("service request events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request}: {self.get_kind_display()}"


def attachment_upload_to(instance, filename):
    return f"families/requests/{instance.request_id}/{filename}"


class ServiceMessage(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE,
                                related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"),
                               on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("message"))
    attachment = models.FileField(_("attachment"), storage=private_storage,
                                  upload_to=attachment_upload_to, blank=True, max_length=255)
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    attachment_type = models.CharField(_("file type"), max_length=64, blank=True)
    attachment_size = models.PositiveIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"
