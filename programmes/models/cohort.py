"""Cohorts of accepted startups: milestones with due dates, the evidence a startup
submits for each, and graduation."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from programmes.models.application import private_storage


def evidence_upload_to(instance, filename):
    return f"programmes/evidence/{instance.enrolment_id}/{uuid.uuid4().hex}.pdf"


class Cohort(ClusterableModel):
    programme = models.ForeignKey("programmes.Programme", verbose_name=_("programme"),
                                  on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=160)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="programmes_cohort_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A cohort cannot end before it starts.")})


class Milestone(Orderable):
    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    description = models.TextField(_("what counts as evidence"), blank=True)
    due_on = models.DateField(_("due"))
    required = models.BooleanField(_("required for graduation"), default=True)

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        GRADUATED = "graduated", _("Graduated")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT,
                               related_name="enrolments")
    startup = models.ForeignKey("incubator.Startup", verbose_name=_("startup"),
                                on_delete=models.PROTECT, related_name="enrolments")
    application = models.OneToOneField("programmes.Application",
                                       verbose_name=_("application"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="enrolment")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    graduated_at = models.DateTimeField(_("graduated"), null=True, blank=True)
    graduated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    graduation_override_reason = models.TextField(
        _("why graduated without every required milestone"), blank=True,
    )
    certificate_batch = models.ForeignKey("documents.CertificateBatch", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "startup"],
                                    name="programmes_one_enrolment_per_cohort"),
            models.CheckConstraint(
                condition=~models.Q(status="graduated") | models.Q(graduated_at__isnull=False),
                name="programmes_graduated_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.startup} · {self.cohort}"


class MilestoneSubmission(models.Model):
    """A startup's evidence for one milestone, and the staff sign-off. A returned
    submission is submitted again in place; the audit log keeps each step."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for sign-off")
        SIGNED_OFF = "signed_off", _("Signed off")
        RETURNED = "returned", _("Returned for changes")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT,
                                  related_name="submissions")
    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT,
                                  related_name="submissions")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.SUBMITTED)
    evidence = models.TextField(_("evidence"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=evidence_upload_to,
                            blank=True, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("size in bytes"), default=0)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("signed off or returned"), null=True, blank=True)
    staff_note = models.TextField(_("note from staff"), blank=True)

    class Meta:
        verbose_name = _("milestone evidence")
        verbose_name_plural = _("milestone evidence")
        ordering = ["milestone__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "milestone"],
                                    name="programmes_one_submission_per_milestone"),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.milestone}"
