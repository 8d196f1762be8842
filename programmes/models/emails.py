from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models.application import ApplicationStatus

DECISIONS = (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED,
             ApplicationStatus.REJECTED)


class DecisionEmailTemplate(models.Model):
    """The e-mail an applicant gets for a decision, in one language, for one call or
    (with no call) for every call. Placeholders: {applicant}, {startup}, {call},
    {programme}, {note}."""

    class Decision(models.TextChoices):
        ACCEPTED = ApplicationStatus.ACCEPTED.value, ApplicationStatus.ACCEPTED.label
        WAITLISTED = ApplicationStatus.WAITLISTED.value, ApplicationStatus.WAITLISTED.label
        REJECTED = ApplicationStatus.REJECTED.value, ApplicationStatus.REJECTED.label

    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    call = models.ForeignKey("programmes.Call", verbose_name=_("call"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="email_templates",
                             help_text=_("Leave empty for every call."))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_("Placeholders: {applicant}, {startup}, {call}, {programme}, {note}."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("decision e-mail")
        verbose_name_plural = _("decision e-mails")
        ordering = ["decision", "language"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "language", "call"],
                                    name="programmes_one_template_per_call"),
            models.UniqueConstraint(fields=["decision", "language"],
                                    condition=models.Q(call__isnull=True),
                                    name="programmes_one_default_template"),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} ({self.language})"
