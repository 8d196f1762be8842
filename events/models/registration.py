"""Registrations: a person (with an account or as a guest) and the people they bring,
their place (confirmed, waiting, offered), ticket, check-in and attendance. Nothing is
deleted: a cancellation keeps the row with its status, reason and timestamps."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING_APPROVAL = "pending_approval", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Offered a place")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not yet known")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    class CancelReason(models.TextChoices):
        NONE = "", _("—")
        BY_PERSON = "by_person", _("Cancelled by the person")
        BY_STAFF = "by_staff", _("Cancelled by staff")
        OFFER_EXPIRED = "offer_expired", _("Offer not confirmed in time")
        OFFER_DECLINED = "offer_declined", _("Offer declined")
        EVENT_CANCELLED = "event_cancelled", _("Event cancelled")

    # Statuses that hold places against the capacity, and those still in the running.
    HOLDING = (Status.PENDING_APPROVAL, Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (*HOLDING, Status.WAITLISTED)

    event = models.ForeignKey("events.Event", verbose_name=_("event"), on_delete=models.PROTECT,
                              related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                             on_delete=models.PROTECT, null=True, blank=True,
                             related_name="event_registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    enterprise = models.ForeignKey("core.Enterprise", verbose_name=_("enterprise"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="event_registrations")
    size = models.PositiveSmallIntegerField(_("people"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    ticket_code = models.CharField(_("ticket code"), max_length=10, unique=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("put on the waiting list"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offered a place"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=20, choices=CancelReason.choices,
                                     blank=True, default="")
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("checked in by"),
                                      on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices,
                                  blank=True, default="")
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    survey_sent_at = models.DateTimeField(_("survey sent"), null=True, blank=True)
    feedback = models.ForeignKey("core.Feedback", verbose_name=_("survey answer"),
                                 on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live registration per e-mail address and event (cancelled ones stay).
            models.UniqueConstraint(
                models.F("event"), Lower("email"),
                condition=models.Q(status__in=["pending_approval", "confirmed", "waitlisted",
                                               "offered"]),
                name="events_registration_once_per_email"),
            models.CheckConstraint(condition=models.Q(size__gte=1),
                                   name="events_registration_size_positive"),
            models.CheckConstraint(
                condition=~models.Q(status="offered") | models.Q(offer_expires_at__isnull=False),
                name="events_registration_offer_has_deadline"),
            models.CheckConstraint(
                condition=models.Q(checked_in_at__isnull=True) | models.Q(status="confirmed"),
                name="events_registration_checked_in_is_confirmed"),
        ]
        indexes = [models.Index(fields=["event", "status"]),
                   models.Index(fields=["status", "offer_expires_at"])]

    def __str__(self):
        return f"{self.name} — {self.event}"

    @property
    def holds_places(self):
        return self.status in self.HOLDING

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def ticket_code_display(self):
        return f"{self.ticket_code[:5]}-{self.ticket_code[5:]}"


class Attendee(models.Model):
    """One person of a registration; the registrant is the first. Certificates and the
    "has attended training" check are per person."""

    class Gender(models.TextChoices):
        UNSAID = "", _("Prefer not to say")
        FEMALE = "female", _("Woman")
        MALE = "male", _("Man")

    registration = models.ForeignKey(Registration, on_delete=models.PROTECT,
                                     related_name="attendees")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="event_attendances")
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True,
                              default="")

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["registration", "position"]
        constraints = [
            models.UniqueConstraint(models.F("registration"), Lower("email"),
                                    name="events_attendee_once_per_registration"),
        ]

    def __str__(self):
        return self.name
