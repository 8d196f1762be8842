"""Factories for families: the ABAD side (families, factories, lines, shifts)."""

import datetime

import factory as fb
from django.utils import timezone

from core.models import Centre, Enterprise
from families.models import (
    BookingRules,
    Factory,
    Family,
    ProductionLine,
    ServiceRequest,
    Shift,
    ShiftBooking,
    Training,
    TrainingRecord,
)
from families.timeutil import local_date, week_start
from tests.factories.core import CentreFactory, EnterpriseFactory, UserFactory, member_of


class FamilyEnterpriseFactory(EnterpriseFactory):
    kind = Enterprise.Kind.FAMILY
    name = fb.Sequence(lambda n: f"Ailə təsərrüfatı {n}")
    region = "guba"
    sector = Enterprise.Sector.FOOD
    centre = None


class FamilyFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = Family

    enterprise = fb.SubFactory(FamilyEnterpriseFactory)
    trade_kind = "food"
    trade = "jam"
    settlement = "Qırmızı Qəsəbə"
    stage = Family.Stage.PRODUCING


class AbadCentreFactory(CentreFactory):
    name = fb.Sequence(lambda n: f"ABAD mərkəzi {n}")
    kind = Centre.Kind.FACTORY
    programme = Centre.Programme.ABAD
    region = "guba"
    address = "Quba, Bakı–Quba yolu 168"


class FactoryFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = Factory

    centre = fb.SubFactory(AbadCentreFactory)
    name = fb.Sequence(lambda n: f"ABAD fabriki {n}")
    slug = fb.Sequence(lambda n: f"factory-{n}")


class TrainingFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = Training

    name = fb.Sequence(lambda n: f"Təlim {n}")
    code = fb.Sequence(lambda n: f"training-{n}")


class LineFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = ProductionLine
        skip_postgeneration_save = True

    factory = fb.SubFactory(FactoryFactory)
    name = fb.Sequence(lambda n: f"Xətt {n}")
    slug = fb.Sequence(lambda n: f"line-{n}")
    workstations = 10
    output_unit = "kg"

    @fb.post_generation
    def trainings(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.required_trainings.set(extracted)


class RulesFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = BookingRules


def next_monday(days=7):
    """A Monday at least `days` days from today (Baku), so a week is entirely ahead."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


class ShiftFactory(fb.django.DjangoModelFactory):
    """A shift; by default 08:00–13:00 on a Monday at least a week ahead."""

    class Meta:
        model = Shift

    line = fb.SubFactory(LineFactory)
    starts_at = fb.LazyFunction(lambda: timezone.make_aware(
        datetime.datetime.combine(next_monday(), datetime.time(8))))
    ends_at = fb.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=5))
    week_start = fb.LazyAttribute(lambda o: week_start(local_date(o.starts_at)))
    capacity = fb.LazyAttribute(lambda o: o.line.workstations)


def shift_at(line, day, hour, hours=5, **kwargs):
    """A shift of `line` on local `day` at `hour`:00."""
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return ShiftFactory(line=line, starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=hours), **kwargs)


def family_member(family=None, **user_kwargs):
    """A family (made if not given) and a new owner of it."""
    family = family or FamilyFactory()
    return family, member_of(family.enterprise, **user_kwargs)


def train(user, *trainings):
    for training in trainings:
        TrainingRecord.objects.create(user=user, training=training,
                                      completed_on=datetime.date(2025, 1, 10))


def booked(shift, family, member=None, status=ShiftBooking.Status.BOOKED):
    """A booking row written directly (test set-up, not the rule being tested), with
    the shift's counter kept right."""
    member = member or UserFactory()
    booking = ShiftBooking.objects.create(
        shift=shift, family=family, member=member, status=status,
        starts_at=shift.starts_at, ends_at=shift.ends_at,
        cancelled_at=timezone.now() if status == ShiftBooking.Status.CANCELLED else None,
    )
    if status in ShiftBooking.ACTIVE:
        Shift.objects.filter(pk=shift.pk).update(booked_count=shift.booked_count + 1)
        shift.refresh_from_db()
    return booking


class ServiceRequestFactory(fb.django.DjangoModelFactory):
    class Meta:
        model = ServiceRequest

    family = fb.SubFactory(FamilyFactory)
    kind = ServiceRequest.Kind.LABEL
    title = fb.Sequence(lambda n: f"Etiket {n}")
