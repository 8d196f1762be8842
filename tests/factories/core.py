import datetime

import factory

from core.models import Centre, Enterprise, Feedback, Membership, User

PASSWORD = "correct-horse-battery-7"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.az")
    full_name = factory.Sequence(lambda n: f"Leyla Əliyeva {n}")
    preferred_language = "az"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    name = factory.Sequence(lambda n: f"INNOLAND Mərkəz {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    kind = Centre.Kind.INCUBATION_CENTRE
    programme = Centre.Programme.INNOLAND
    region = "baku"
    address = "Bakı, Nizami küçəsi 1"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    kind = Enterprise.Kind.STARTUP
    name = factory.Sequence(lambda n: f"Startap {n}")
    region = "baku"
    centre = factory.SubFactory(CentreFactory)
    sector = Enterprise.Sector.SOFTWARE
    founded_on = datetime.date(2024, 3, 1)
    women_led = False
    employees = 3


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    enterprise = factory.SubFactory(EnterpriseFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.OWNER


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    service = Feedback.Service.EVENT
    rating = 5
    author = factory.SubFactory(UserFactory)


def member_of(enterprise, **user_kwargs):
    """A new user who is an owner of `enterprise`."""
    user = UserFactory(**user_kwargs)
    MembershipFactory(enterprise=enterprise, user=user)
    return user

