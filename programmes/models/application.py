"""Applications of startups to calls, their answers, and the log of every status change."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def private_storage():
    return storages["private"]


def answer_upload_to(instance, filename):
    # The person's file name is kept in file_name only: the stored name says nothing.
    return f"programmes/applications/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    IN_REVIEW = "in_review", _("In review")
    INTERVIEW = "interview", _("Interview")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    Status = ApplicationStatus

    call = models.ForeignKey("programmes.Call", verbose_name=_("call"),
                             on_delete=models.PROTECT, related_name="applications")
    startup = models.ForeignKey("incubator.Startup", verbose_name=_("startup"),
                                on_delete=models.PROTECT, related_name="applications")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("applicant"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="applications")
    status = models.CharField(_("status"), max_length=16, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "startup"],
                                    name="programmes_one_application_per_call"),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return f"{self.reference} · {self.startup}"

    @property
    def reference(self):
        return f"A-{self.pk:05d}" if self.pk else "A-new"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="answers")
    question = models.ForeignKey("programmes.Question", on_delete=models.PROTECT,
                                 related_name="answers")
    text = models.TextField(_("answer"), blank=True)
    number = models.DecimalField(_("number"), max_digits=16, decimal_places=2, null=True,
                                 blank=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to=answer_upload_to,
                            blank=True, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("size in bytes"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "question"],
                                    name="programmes_one_answer_per_question"),
        ]

    def __str__(self):
        return f"{self.application_id}/{self.question_id}"

    @property
    def is_empty(self):
        return not (self.text.strip() or self.number is not None or self.file)


class ApplicationStatusChange(models.Model):
    """Every status an application went through: who changed it, when, and why.
    Decision e-mails mark `notified_at` when sent, so each is sent once."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, blank=True,
                                   choices=ApplicationStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=ApplicationStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    notify = models.BooleanField(_("e-mail the applicant"), default=False)
    notified_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["application", "changed_at"])]

    def __str__(self):
        return f"{self.application_id}: {self.from_status or '—'} → {self.to_status}"
