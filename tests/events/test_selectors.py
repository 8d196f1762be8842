"""Reads other apps rely on: has this person attended training X (families checks a
factory line's prerequisite with it), which trainings did they attend."""

import pytest

from core.models import Enterprise
from events.models import Event
from events.selectors import (
    audiences_for,
    has_attended_training,
    prerequisite_trainings,
    trainings_attended_by,
)
from events.services import registration_check_in
from events.tickets import ticket_code_normalise
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.events import EventFactory, PersonFactory, TrainingFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def family_member():
    user = PersonFactory(email="gunel@example.az")
    MembershipFactory(enterprise=EnterpriseFactory(kind=Enterprise.Kind.FAMILY), user=user)
    return user


def test_attended_only_when_checked_in(family_member):
    staff = PersonFactory(is_staff=True)
    attended, registered_only, other = TrainingFactory(), TrainingFactory(), TrainingFactory()
    registration = register(attended, family_member)
    register(registered_only, family_member)
    registration_check_in(event=attended, actor=staff, code=registration.ticket_code)
    assert has_attended_training(family_member, attended) is True
    assert has_attended_training(family_member, attended.pk) is True
    assert has_attended_training(family_member, registered_only) is False
    assert has_attended_training(family_member, other) is False
    assert has_attended_training(PersonFactory(), attended) is False
    assert list(trainings_attended_by(family_member)) == [attended]


def test_a_group_member_and_a_later_account_count(family_member):
    staff = PersonFactory(is_staff=True)
    training = TrainingFactory()
    registration = register(training, family_member,
                            guests=[("Elşən Quliyev", "elshan@example.az")])
    registration_check_in(event=training, actor=staff, code=registration.ticket_code)
    # Elşən had no account when Günel registered him; he signs up later.
    elshan = PersonFactory(email="Elshan@Example.az")
    assert has_attended_training(elshan, training) is True
    assert list(trainings_attended_by(elshan)) == [training]


def test_only_trainings_are_listed_as_trainings(family_member):
    staff = PersonFactory(is_staff=True)
    meetup = EventFactory(kind=Event.Kind.MEETUP)
    registration = register(meetup, family_member)
    registration_check_in(event=meetup, actor=staff, code=registration.ticket_code)
    assert list(trainings_attended_by(family_member)) == []


def test_prerequisite_trainings():
    prerequisite = TrainingFactory(is_prerequisite_training=True)
    TrainingFactory(is_prerequisite_training=False)
    assert list(prerequisite_trainings()) == [prerequisite]


def test_anonymous_and_none(family_member):
    from django.contrib.auth.models import AnonymousUser

    training = TrainingFactory()
    assert has_attended_training(None, training) is False
    assert has_attended_training(AnonymousUser(), training) is False
    assert list(trainings_attended_by(AnonymousUser())) == []
    assert audiences_for(AnonymousUser()) == {"public"}
    assert audiences_for(family_member) == {"public", "families"}


@pytest.mark.parametrize("typed, expected", [
    ("K7M2P-Q9XAR", "K7M2PQ9XAR"), (" k7m2p q9xar ", "K7M2PQ9XAR"), ("K7M2P.Q9XAR", "K7M2PQ9XAR"),
    ("K7M2P-Q9XA0", None), ("K7M2PQ9XA", None), ("", None), (None, None),
])
def test_ticket_codes_are_read_however_typed(typed, expected):
    assert ticket_code_normalise(typed) == expected
