import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from incubator.models import (
    ImpactReport,
    Mentor,
    MentorAssignment,
    MentoringSession,
    OfficeHourSlot,
    Startup,
)
from tests.factories.core import EnterpriseFactory, UserFactory


class StartupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Startup

    enterprise = factory.SubFactory(EnterpriseFactory)
    stage = Startup.Stage.MVP
    technology = "Django"
    pitch = "Kənd məktəbləri üçün oflayn dərslər."
    team_size = 3


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    user = factory.SubFactory(UserFactory)
    expertise = factory.LazyFunction(lambda: ["fintech", "sales"])
    languages = factory.LazyFunction(lambda: ["az", "en"])
    location = Mentor.Location.BAKU
    capacity_per_month = 4


class MentorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorAssignment

    mentor = factory.SubFactory(MentorFactory)
    startup = factory.SubFactory(StartupFactory)
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))


def in_hours(hours, minute=0):
    """An aware datetime `hours` from now, on the minute."""
    return (timezone.now() + datetime.timedelta(hours=hours)).replace(
        second=0, microsecond=0) + datetime.timedelta(minutes=minute)


class SlotFactory(factory.django.DjangoModelFactory):
    """A slot written directly (tests of publishing go through slot_publish)."""

    class Meta:
        model = OfficeHourSlot

    mentor = factory.SubFactory(MentorFactory)
    starts_at = factory.LazyFunction(lambda: in_hours(72))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))
    mode = OfficeHourSlot.Mode.ONLINE
    link = "https://meet.example.az/mentor"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringSession

    mentor = factory.SubFactory(MentorFactory)
    startup = factory.SubFactory(StartupFactory)
    starts_at = factory.LazyFunction(lambda: in_hours(-48))
    duration_minutes = 60


class ImpactReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactReport

    enterprise = factory.SubFactory(EnterpriseFactory)
    month = datetime.date(2025, 1, 1)
    revenue = Decimal("1000.00")
    users = 10
    employees = 3
    capital_raised = Decimal("0")
