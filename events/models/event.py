"""Events the agency runs: festivals, demo days, meetups, workshops, trainings and
webinars, with their agenda and speakers."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Event(ClusterableModel):
    class Kind(models.TextChoices):
        FESTIVAL = "festival", _("Festival")
        DEMO_DAY = "demo_day", _("Demo day")
        MEETUP = "meetup", _("Meetup")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")

    class Audience(models.TextChoices):
        STARTUPS = "startups", _("Startups")
        FAMILIES = "families", _("Family businesses")
        PUBLIC = "public", _("Everyone")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices,
                                default=Audience.PUBLIC)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT)
    # The organising centre: it issues the certificates and collects the feedback,
    # also for an online event.
    centre = models.ForeignKey("core.Centre", verbose_name=_("centre"), on_delete=models.PROTECT,
                               related_name="events")
    room = models.CharField(_("room"), max_length=120, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("Places in total."))
    max_group_size = models.PositiveSmallIntegerField(
        _("largest group"), default=4,
        help_text=_("How many people one registration may bring, the registrant included."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True,
        help_text=_("Empty: open as soon as the event is published."))
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True,
        help_text=_("Empty: open until the event starts."))
    requires_approval = models.BooleanField(
        _("staff approve each registration"), default=False)
    description = models.TextField(_("description"), blank=True)
    is_prerequisite_training = models.BooleanField(
        _("prerequisite training"), default=False,
        help_text=_("Other parts of Yuva (e.g. factory lines) may require having attended it."))
    # Places held by pending, confirmed and offered registrations (their group sizes).
    # Changed only by conditional UPDATEs in events.services; the check constraint below
    # is the database's guarantee that capacity is never exceeded.
    seats_taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    certificate_batch = models.ForeignKey(
        "documents.CertificateBatch", verbose_name=_("attendance certificates"),
        on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+")
    no_shows_marked_at = models.DateTimeField(_("no-shows marked"), null=True, blank=True,
                                              editable=False)
    survey_sent_at = models.DateTimeField(_("survey sent"), null=True, blank=True,
                                          editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        permissions = [("checkin_registration", _("Can check in attendees"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="events_event_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1),
                                   name="events_event_capacity_positive"),
            models.CheckConstraint(condition=models.Q(seats_taken__lte=models.F("capacity")),
                                   name="events_event_capacity_never_exceeded"),
            models.CheckConstraint(condition=models.Q(max_group_size__gte=1),
                                   name="events_event_group_size_positive"),
            models.CheckConstraint(
                condition=models.Q(is_prerequisite_training=False) | models.Q(kind="training"),
                name="events_event_prerequisite_is_training"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"]),
                   models.Index(fields=["centre", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events_public:detail", args=[self.pk])

    def get_full_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def places_left(self):
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_online(self):
        return bool(self.online_url) and not self.room

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    def has_ended(self, now=None):
        return self.ends_at <= (now or timezone.now())

    def location_text(self):
        parts = [self.centre.name]
        if self.room:
            parts.append(self.room)
        if self.online_url:
            parts.append(self.online_url)
        return ", ".join(parts)


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("organisation and role"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class AgendaItem(ClusterableModel, Orderable):
    # Clusterable too, so its speakers (a ParentalManyToManyField) are saved with it when
    # the event's form saves the agenda.
    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speakers = ParentalManyToManyField(Speaker, verbose_name=_("speakers"), blank=True,
                                       related_name="agenda_items")

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return f"{self.starts_at:%H:%M} {self.title}"
