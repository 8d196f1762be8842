import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.errors import DomainError
from core.models import Enterprise, Feedback, Membership
from core.roles import ROLES
from core.services import (
    enterprise_create,
    enterprise_update,
    feedback_record,
    membership_add,
    user_update_profile,
)
from tests.factories.core import (
    CentreFactory,
    EnterpriseFactory,
    FeedbackFactory,
    UserFactory,
    member_of,
)

pytestmark = pytest.mark.usefixtures("english")

FUTURE_MESSAGE = "The founding date cannot be in the future."
MIN_ZERO_MESSAGE = "Ensure this value is greater than or equal to 0."


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def enterprise_fields(**overrides):
    fields = {
        "name": "Şəki Halva Evi",
        "region": "sheki",
        "centre": None,
        "sector": Enterprise.Sector.FOOD,
        "founded_on": datetime.date(2023, 5, 17),
        "women_led": True,
        "employees": 4,
        "description": "Halva by a family recipe.",
    }
    fields.update(overrides)
    return fields


def log_actions(instance):
    return list(
        ModelLogEntry.objects.for_instance(instance).order_by("pk").values_list("action", flat=True)
    )


def db_state(enterprise):
    return model_to_dict(Enterprise.objects.get(pk=enterprise.pk))


# --- enterprise_create ------------------------------------------------------------------


def test_enterprise_create_saves_owner_membership_and_logs():
    actor = UserFactory()
    owner = UserFactory()
    centre = CentreFactory()

    enterprise = enterprise_create(
        actor=actor, kind=Enterprise.Kind.FAMILY, owner=owner,
        **enterprise_fields(centre=centre),
    )

    enterprise.refresh_from_db()
    assert (enterprise.kind, enterprise.name, enterprise.region, enterprise.centre,
            enterprise.founded_on, enterprise.women_led, enterprise.employees) == (
        "family", "Şəki Halva Evi", "sheki", centre, datetime.date(2023, 5, 17), True, 4,
    )
    assert list(enterprise.memberships.values_list("user", "role")) == [
        (owner.pk, Membership.Role.OWNER),
    ]
    entry = ModelLogEntry.objects.for_instance(enterprise).get()
    assert (entry.action, entry.user) == ("wagtail.create", actor)


def test_enterprise_create_refuses_a_founding_date_in_the_future():
    with pytest.raises(ValidationError) as excinfo:
        enterprise_create(
            actor=UserFactory(), kind=Enterprise.Kind.STARTUP, owner=UserFactory(),
            **enterprise_fields(founded_on=tomorrow()),
        )

    assert excinfo.value.message_dict == {"founded_on": [FUTURE_MESSAGE]}
    assert Enterprise.objects.count() == 0
    assert Membership.objects.count() == 0
    assert ModelLogEntry.objects.count() == 0


def test_enterprise_create_refuses_negative_employees():
    with pytest.raises(ValidationError) as excinfo:
        enterprise_create(
            actor=UserFactory(), kind=Enterprise.Kind.STARTUP,
            **enterprise_fields(employees=-1),
        )

    assert excinfo.value.message_dict == {"employees": [MIN_ZERO_MESSAGE]}
    assert Enterprise.objects.count() == 0


def test_enterprise_create_refuses_unknown_fields():
    with pytest.raises(TypeError) as excinfo:
        enterprise_create(actor=None, kind="startup", **enterprise_fields(), revenue=1)

    assert str(excinfo.value) == "unknown enterprise fields: ['revenue']"
    assert Enterprise.objects.count() == 0


def test_enterprise_create_accepts_today_as_founding_date():
    enterprise = enterprise_create(
        actor=None, kind=Enterprise.Kind.STARTUP,
        **enterprise_fields(founded_on=timezone.localdate()),
    )

    assert Enterprise.objects.get(pk=enterprise.pk).founded_on == timezone.localdate()


# --- enterprise_update ------------------------------------------------------------------


def test_enterprise_update_saves_changed_fields_and_logs_them():
    actor = UserFactory()
    enterprise = EnterpriseFactory(name="Old name", employees=3)

    enterprise_update(enterprise=enterprise, actor=actor, name="New name", employees=7)

    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.employees) == ("New name", 7)
    entry = ModelLogEntry.objects.for_instance(enterprise).get()
    assert (entry.action, entry.user, entry.data) == (
        "wagtail.edit", actor, {"changed": ["employees", "name"]},
    )


def test_enterprise_update_without_changes_logs_nothing():
    enterprise = EnterpriseFactory(name="Same", employees=3)

    enterprise_update(enterprise=enterprise, actor=UserFactory(), name="Same", employees=3)

    assert log_actions(enterprise) == []


def test_enterprise_update_refuses_a_future_founding_date_and_saves_nothing():
    enterprise = EnterpriseFactory(name="Kept", founded_on=datetime.date(2024, 3, 1))
    before = db_state(enterprise)

    with pytest.raises(ValidationError) as excinfo:
        enterprise_update(
            enterprise=enterprise, actor=UserFactory(), name="Changed", founded_on=tomorrow(),
        )

    assert excinfo.value.message_dict == {"founded_on": [FUTURE_MESSAGE]}
    assert db_state(enterprise) == before
    assert log_actions(enterprise) == []


def test_enterprise_update_refuses_negative_employees_and_saves_nothing():
    enterprise = EnterpriseFactory(name="Kept", employees=3)
    before = db_state(enterprise)

    with pytest.raises(ValidationError) as excinfo:
        enterprise_update(
            enterprise=enterprise, actor=UserFactory(), name="Changed", employees=-5,
        )

    assert excinfo.value.message_dict == {"employees": [MIN_ZERO_MESSAGE]}
    assert db_state(enterprise) == before
    assert log_actions(enterprise) == []


def test_enterprise_update_refuses_a_founding_date_before_1900():
    enterprise = EnterpriseFactory()
    before = db_state(enterprise)

    with pytest.raises(ValidationError) as excinfo:
        enterprise_update(
            enterprise=enterprise, actor=None, founded_on=datetime.date(1899, 12, 31),
        )

    assert excinfo.value.message_dict == {"founded_on": ["Enter a founding date after 1900."]}
    assert db_state(enterprise) == before


# --- membership_add ---------------------------------------------------------------------


def test_membership_add_adds_a_member_and_logs():
    enterprise = EnterpriseFactory()
    user = UserFactory()
    actor = UserFactory()

    membership = membership_add(enterprise=enterprise, user=user, actor=actor)

    assert (membership.enterprise, membership.user, membership.role) == (
        enterprise, user, Membership.Role.MEMBER,
    )
    entry = ModelLogEntry.objects.for_instance(enterprise).get()
    assert (entry.action, entry.user, entry.data) == (
        "yuva.member_added", actor, {"user": user.pk, "role": "member"},
    )


def test_membership_add_twice_is_refused():
    enterprise = EnterpriseFactory(name="Gəncə Xalça")
    user = UserFactory(full_name="Aysel Məmmədova")
    membership_add(enterprise=enterprise, user=user)

    with pytest.raises(DomainError) as excinfo:
        membership_add(enterprise=enterprise, user=user, role=Membership.Role.OWNER)

    assert excinfo.value.message == "Aysel Məmmədova is already a member of Gəncə Xalça."
    assert list(Membership.objects.values_list("enterprise", "user", "role")) == [
        (enterprise.pk, user.pk, "member"),
    ]


# --- feedback_record --------------------------------------------------------------------


@pytest.mark.parametrize("rating", [0, 6])
def test_feedback_record_refuses_ratings_outside_1_to_5(rating):
    with pytest.raises(ValidationError) as excinfo:
        feedback_record(author=UserFactory(), service=Feedback.Service.EVENT, rating=rating)

    assert excinfo.value.message_dict == {"rating": ["Choose a rating from 1 to 5."]}
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("rating", [1, 5])
def test_feedback_record_accepts_the_bounds(rating):
    feedback = feedback_record(author=UserFactory(), service=Feedback.Service.EVENT,
                               rating=rating)

    assert Feedback.objects.get().pk == feedback.pk
    assert Feedback.objects.get().rating == rating


def test_second_feedback_for_the_same_subject_replaces_the_first():
    author = UserFactory()
    centre = CentreFactory()
    subject = EnterpriseFactory()
    feedback_record(author=author, service=Feedback.Service.ADVISORY, rating=2,
                    comment="Slow", subject=subject, centre=centre)

    feedback_record(author=author, service=Feedback.Service.ADVISORY, rating=5,
                    comment="Sorted out", subject=subject, centre=centre)

    assert Feedback.objects.count() == 1
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.comment, feedback.subject, feedback.author) == (
        5, "Sorted out", subject, author,
    )


def test_feedback_from_different_authors_or_subjects_is_kept_apart():
    author = UserFactory()
    first, second = EnterpriseFactory(), EnterpriseFactory()
    feedback_record(author=author, service="event", rating=4, subject=first)
    feedback_record(author=author, service="event", rating=3, subject=second)
    feedback_record(author=UserFactory(), service="event", rating=1, subject=first)

    assert sorted(Feedback.objects.values_list("rating", flat=True)) == [1, 3, 4]


def test_feedback_rating_is_also_guarded_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(rating=9)

    assert Feedback.objects.count() == 0


# --- user_update_profile ----------------------------------------------------------------


def test_user_update_profile_strips_and_saves():
    user = UserFactory(preferred_language="az")

    user_update_profile(user=user, full_name="  Rəşad Quliyev ", phone=" +994 50 123 45 67 ",
                        preferred_language="ru")

    user.refresh_from_db()
    assert (user.full_name, user.phone, user.preferred_language) == (
        "Rəşad Quliyev", "+994 50 123 45 67", "ru",
    )


# --- roles (migration 0002) -------------------------------------------------------------


def test_roles_migration_created_the_seven_groups():
    # Wagtail's own migrations add "Editors" and "Moderators".
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(
        [role.group_name for role in ROLES] + ["Editors", "Moderators"]
    )
    assert sorted(role.group_name for role in ROLES) == [
        "ABAD advisers", "Event managers", "Factory technicians", "Mentors",
        "Programme managers", "Reviewers", "Sales managers",
    ]


def group_permissions(name):
    """The group's permissions from core's migration; later apps (documents, ...) grant
    their own from their migrations and are left out here."""
    return sorted(
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(
            group__name=name, content_type__app_label__in=["core", "wagtailadmin"],
        ).values_list("content_type__app_label", "codename")
    )


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.code)
def test_each_group_holds_exactly_its_role_permissions(role):
    assert group_permissions(role.group_name) == sorted(role.permissions)


def test_abad_advisers_may_enter_the_admin():
    assert group_permissions("ABAD advisers") == [
        "core.change_enterprise", "core.view_centre", "core.view_enterprise",
        "core.view_feedback", "wagtailadmin.access_admin",
    ]
    adviser = UserFactory()
    adviser.groups.add(Group.objects.get(name="ABAD advisers"))
    assert adviser.has_perm("wagtailadmin.access_admin") is True
    assert adviser.has_perm("core.add_enterprise") is False


# --- rules ------------------------------------------------------------------------------


def test_portal_rules_follow_membership():
    enterprise = EnterpriseFactory()
    owner = member_of(enterprise)
    member = UserFactory()
    Membership.objects.create(enterprise=enterprise, user=member, role=Membership.Role.MEMBER)
    outsider = UserFactory()

    assert [
        (u.has_perm("core.portal_view_enterprise", enterprise),
         u.has_perm("core.portal_change_enterprise", enterprise),
         u.has_perm("core.portal_manage_members", enterprise))
        for u in (owner, member, outsider)
    ] == [(True, True, True), (True, True, False), (False, False, False)]
