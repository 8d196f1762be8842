import datetime

import factory
from django.utils import timezone

from events.models import Event
from events.services import AttendeeInput, registration_create
from tests.factories.core import CentreFactory, UserFactory


class PersonFactory(UserFactory):
    """A user who reads English: the pages and e-mails tests compare are in English."""

    preferred_language = "en"


def in_days(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Tədbir {n}")
    kind = Event.Kind.MEETUP
    audience = Event.Audience.PUBLIC
    status = Event.Status.PUBLISHED
    centre = factory.SubFactory(CentreFactory)
    room = "Zal 1"
    starts_at = factory.LazyFunction(lambda: in_days(7, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    language = "az"
    capacity = 20
    max_group_size = 4


class TrainingFactory(EventFactory):
    kind = Event.Kind.TRAINING
    audience = Event.Audience.FAMILIES
    title = factory.Sequence(lambda n: f"Mürəbbə təlimi {n}")
    is_prerequisite_training = True


def register(event, user=None, *, guests=(), name=None, email=None, **kwargs):
    """Register `user` (or a guest named `name`/`email`) and the `guests` as
    (name, email[, gender]) through the service. A new user reads English, so tests can
    compare the e-mails' text."""
    if user is None:
        user = PersonFactory() if email is None else None
    first = (AttendeeInput(user.full_name, user.email) if user is not None
             else AttendeeInput(name or "Qonaq", email))
    people = [first, *(AttendeeInput(*g) for g in guests)]
    return registration_create(event=event, user=user, attendees=people, **kwargs)
