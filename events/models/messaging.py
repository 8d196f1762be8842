"""E-mails to registrants as rows: written by the service that decides to send them,
in its transaction, and sent by a background job that marks each one. So nothing is
sent for a rolled-back change, nothing twice, and a failure stays visible and can be
retried."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffMessage(models.Model):
    """A message staff sent to a group of an event's registrants."""

    class Group(models.TextChoices):
        REGISTERED = "registered", _("Registered (confirmed or awaiting approval)")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")
        WAITLISTED = "waitlisted", _("On the waiting list")

    event = models.ForeignKey("events.Event", on_delete=models.PROTECT,
                              related_name="staff_messages")
    group = models.CharField(_("to"), max_length=16, choices=Group.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    total = models.PositiveIntegerField(_("recipients"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject


class RegistrationEmail(models.Model):
    class Kind(models.TextChoices):
        TICKET = "ticket", _("Ticket")
        REQUEST_RECEIVED = "request_received", _("Request received")
        WAITLISTED = "waitlisted", _("Waiting list")
        OFFER = "offer", _("Place offered")
        OFFER_EXPIRED = "offer_expired", _("Offer expired")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancellation")
        EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
        REMINDER = "reminder", _("Reminder")
        SURVEY = "survey", _("Satisfaction survey")
        STAFF_MESSAGE = "staff_message", _("Message from staff")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    registration = models.ForeignKey("events.Registration", on_delete=models.PROTECT,
                                     related_name="emails")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    staff_message = models.ForeignKey(StaffMessage, on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="emails")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail to a registrant")
        verbose_name_plural = _("e-mails to registrants")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["staff_message", "registration"],
                                    condition=models.Q(staff_message__isnull=False),
                                    name="events_email_once_per_staff_message"),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.registration.email}"
