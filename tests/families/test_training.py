"""Training prerequisites: one selector decides (trainings_missing_for, and
family_member_trained_for on top of it). A staff-written record counts; a revoked one
does not; attending one of the training's events counts once the events app offers
`trainings_attended_by`."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.errors import DomainError
from families.selectors.factories import (
    family_member_trained_for,
    lines_for_portal,
    trainings_missing_for,
)
from families.services.bookings import booking_create
from families.services.setup import training_record_grant, training_record_revoke
from tests.factories import UserFactory
from tests.factories.families import LineFactory, TrainingFactory, family_member, shift_at
from tests.families.clock import NOW, day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def hygiene():
    return TrainingFactory(name="Food hygiene")


@pytest.fixture
def kettles():
    return TrainingFactory(name="Jam kettles")


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def test_a_line_needs_every_training_it_lists(hygiene, kettles, staff):
    jam = LineFactory(name="Jam line", trainings=[hygiene, kettles])
    free = LineFactory(name="Packing")
    family, member = family_member()
    assert trainings_missing_for(member, [jam, free]) == {jam.pk: [hygiene, kettles],
                                                          free.pk: []}
    training_record_grant(user=member, training=hygiene, completed_on=datetime.date(2025, 5, 1),
                          actor=staff)
    assert trainings_missing_for(member, [jam]) == {jam.pk: [kettles]}
    assert family_member_trained_for(member, jam) is False
    assert family_member_trained_for(member, free) is True

    shift = shift_at(jam, day(3), 8)
    with pytest.raises(DomainError) as info:
        booking_create(shift=shift, family=family, member=member, now=NOW)
    assert info.value.message == "Jam line needs this training first: Jam kettles."

    record = training_record_grant(user=member, training=kettles,
                                   completed_on=datetime.date(2025, 5, 2), actor=staff)
    assert family_member_trained_for(member, jam) is True
    assert booking_create(shift=shift, family=family, member=member, now=NOW).pk

    training_record_revoke(record=record, actor=staff, reason="Recorded by mistake")
    assert trainings_missing_for(member, [jam]) == {jam.pk: [kettles]}


def test_the_training_is_per_person_not_per_family(hygiene, staff):
    line = LineFactory(trainings=[hygiene])
    family, trained = family_member()
    _same, untrained = family_member(family)
    training_record_grant(user=trained, training=hygiene, completed_on=datetime.date(2025, 5, 1),
                          actor=staff)
    assert family_member_trained_for(trained, line) is True
    assert family_member_trained_for(untrained, line) is False


def test_records_refused_twice_or_in_the_future(hygiene, staff):
    person = UserFactory(full_name="Günel Quliyeva")
    training_record_grant(user=person, training=hygiene, completed_on=datetime.date(2025, 5, 1),
                          actor=staff)
    with pytest.raises(DomainError) as info:
        training_record_grant(user=person, training=hygiene,
                              completed_on=datetime.date(2025, 6, 1), actor=staff)
    assert info.value.message == "Günel Quliyeva already has Food hygiene on record."
    with pytest.raises(DomainError) as info:
        training_record_grant(user=UserFactory(), training=hygiene, actor=staff,
                              completed_on=datetime.date.today() + datetime.timedelta(days=2))
    assert info.value.message == "The completion date cannot be in the future."


def test_the_selector_runs_a_constant_number_of_queries(hygiene, kettles):
    member = UserFactory()

    def count(n):
        for _ in range(n):
            LineFactory(trainings=[hygiene, kettles])
        with CaptureQueriesContext(connection) as ctx:
            trainings_missing_for(member, lines_for_portal())
        return len(ctx.captured_queries)

    assert count(1) == count(5)


def test_attending_a_training_event_counts_when_events_offers_it(hygiene):
    from events.services import registration_check_in
    from tests.factories import events as events_factories

    line = LineFactory(name="Jam line", trainings=[hygiene])
    _family, member = family_member()  # training events are for families' members
    event = events_factories.TrainingFactory()
    registration = events_factories.register(event, member)
    assert family_member_trained_for(member, line) is False  # not linked yet
    hygiene.event_ids = [event.pk]
    hygiene.save()
    assert family_member_trained_for(member, line) is False  # registered, not attended
    registration_check_in(event=event, actor=UserFactory(is_staff=True),
                          code=registration.ticket_code, now=event.starts_at)
    assert family_member_trained_for(member, line) is True
