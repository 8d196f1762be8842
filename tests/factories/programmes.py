import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import Membership
from programmes.demo import sample_pdf
from programmes.models import (
    Application,
    ApplicationStatusChange,
    Call,
    Cohort,
    Criterion,
    Enrolment,
    Milestone,
    Programme,
    Question,
    Review,
    ReviewRound,
)
from tests.factories.core import CentreFactory, EnterpriseFactory, MembershipFactory, UserFactory
from tests.factories.incubator import StartupFactory


def days(n):
    return datetime.timedelta(days=n)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"INNOLAND Akselerasiya {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = Programme.Kind.ACCELERATION
    centre = factory.SubFactory(CentreFactory)
    duration_weeks = 12


class CallFactory(factory.django.DjangoModelFactory):
    """An open call: opened yesterday, closes in a week."""

    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Yaz qəbulu {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - days(1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + days(7))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    call = factory.SubFactory(CallFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = Question.Kind.SHORT_TEXT
    required = True
    sort_order = factory.Sequence(lambda n: n)


def startup_with_founder(name=None, *, founder=None, **user_kwargs):
    """A startup (enterprise + profile) and its owner."""
    enterprise = EnterpriseFactory(**({"name": name} if name else {}))
    startup = StartupFactory(enterprise=enterprise)
    user_kwargs.setdefault("preferred_language", "en")
    founder = founder or UserFactory(**user_kwargs)
    MembershipFactory(enterprise=enterprise, user=founder, role=Membership.Role.OWNER)
    return startup, founder


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application written directly in a given status (services are tested on their
    own); with one status change row, as the service would leave."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    startup = factory.SubFactory(StartupFactory)
    status = Application.Status.IN_REVIEW

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            ApplicationStatusChange.objects.create(application=obj, from_status="",
                                                   to_status=obj.status)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRound
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    name = "Birinci oxunuş"
    status = ReviewRound.Status.OPEN
    reviews_per_application = 3
    blind = True
    normalise = True

    @factory.post_generation
    def reviewers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.reviewers.set(extracted)
            obj.save()  # a ParentalManyToManyField is written on save


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    sort_order = factory.Sequence(lambda n: n)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    round = factory.SubFactory(RoundFactory)
    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(UserFactory)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Kohort {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - days(30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + days(60))


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + days(10))
    required = True
    sort_order = factory.Sequence(lambda n: n)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    startup = factory.SubFactory(StartupFactory)


def pdf_upload(name="pitch-deck.pdf", title="Pitch"):
    return SimpleUploadedFile(name, sample_pdf(title), content_type="application/pdf")
