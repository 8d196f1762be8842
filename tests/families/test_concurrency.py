"""The capacity guarantee under real concurrency: threads, each with its own database
connection, committing for real (transaction=True). On SQLite, IMMEDIATE transactions
serialise the writers; on PostgreSQL the family row and the shift row are locked and
the place is taken by a conditional UPDATE. The database constraints are checked too."""

import threading
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.errors import DomainError
from families.models import Shift, ShiftBooking
from families.services.bookings import booking_create
from tests.factories.families import (
    LineFactory,
    ShiftFactory,
    TrainingFactory,
    family_member,
    next_monday,
    shift_at,
    train,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def run_at_once(fns, workers=None):
    """Run the callables from `workers` threads (one each by default), all released
    together; return what each returned or raised, in order. Every thread closes its
    database connection. PostgreSQL gets fewer threads than attempts, to stay well
    inside its connection limit beside other test runs."""
    workers = min(workers or len(fns), len(fns))
    barrier = threading.Barrier(workers)
    outcomes = [None] * len(fns)

    def run(offset):
        try:
            barrier.wait(timeout=60)
            for index in range(offset, len(fns), workers):
                try:
                    outcomes[index] = fns[index]()
                except Exception as exc:  # noqa: BLE001 - the test inspects it
                    outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def in_english(fn):
    """Activated languages are per thread: each thread speaks English for the test."""
    def run():
        with translation.override("en"):
            return fn()
    return run


def workers_for_database(attempts):
    return attempts if connection.vendor == "sqlite" else 20


def test_100_concurrent_attempts_on_10_workstations_leave_exactly_10_bookings():
    training = TrainingFactory()
    line = LineFactory(workstations=10, trainings=[training])
    shift = ShiftFactory(line=line)
    clients = []
    for _ in range(100):
        family, member = family_member()
        train(member, training)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(member)
        clients.append((client, reverse("families:book", args=[family.pk, shift.pk])))

    outcomes = run_at_once([lambda c=c, url=url: c.post(url) for c, url in clients],
                           workers=workers_for_database(100))

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Counter(o.status_code for o in outcomes) == {302: 100}
    shift.refresh_from_db()
    assert shift.booked_count == 10
    assert ShiftBooking.objects.filter(shift=shift, status=ShiftBooking.Status.BOOKED).count() \
        == 10
    assert ShiftBooking.objects.filter(shift=shift).values("family").distinct().count() == 10


def test_the_services_under_concurrency_give_ten_places_and_ninety_clear_refusals():
    training = TrainingFactory()
    line = LineFactory(workstations=10, trainings=[training])
    shift = ShiftFactory(line=line)
    people = []
    for _ in range(100):
        family, member = family_member()
        train(member, training)
        people.append((family, member))

    outcomes = run_at_once(
        [in_english(lambda f=f, m=m: booking_create(shift=shift, family=f, member=m))
         for f, m in people],
        workers=workers_for_database(100))

    booked = [o for o in outcomes if isinstance(o, ShiftBooking)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(booked) == 10
    assert [r.message for r in refused] == [
        "This shift is full. You can join its waiting list."] * 90
    assert Shift.objects.get(pk=shift.pk).booked_count == 10


def test_one_family_trying_two_overlapping_shifts_at_once_gets_one():
    training = TrainingFactory()
    monday = next_monday()
    jam = LineFactory(workstations=10, trainings=[training])
    dairy = LineFactory(factory=jam.factory, workstations=10, trainings=[training])
    first, second = shift_at(jam, monday, 8), shift_at(dairy, monday, 10)
    family, member = family_member()
    train(member, training)

    outcomes = run_at_once([
        in_english(lambda shift=shift: booking_create(shift=shift, family=family, member=member))
        for shift in (first, second) * 5
    ])

    booked = [o for o in outcomes if isinstance(o, ShiftBooking)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(booked) == 1
    assert len(refused) == 9
    assert ShiftBooking.objects.filter(family=family).count() == 1
    assert Shift.objects.get(pk=first.pk).booked_count + \
        Shift.objects.get(pk=second.pk).booked_count == 1


def test_the_database_refuses_an_overlapping_booking_written_past_the_service():
    monday = next_monday()
    jam = LineFactory()
    dairy = LineFactory(factory=jam.factory)
    first, second = shift_at(jam, monday, 8), shift_at(dairy, monday, 10)
    family, member = family_member()
    ShiftBooking.objects.create(shift=first, family=family, member=member,
                                starts_at=first.starts_at, ends_at=first.ends_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShiftBooking.objects.create(shift=second, family=family, member=member,
                                    starts_at=second.starts_at, ends_at=second.ends_at)
    # A cancelled booking does not block; reviving it into an overlap is refused too.
    cancelled = ShiftBooking.objects.create(
        shift=second, family=family, member=member, starts_at=second.starts_at,
        ends_at=second.ends_at, status=ShiftBooking.Status.CANCELLED,
        cancelled_at=first.starts_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShiftBooking.objects.filter(pk=cancelled.pk).update(status=ShiftBooking.Status.BOOKED)


def test_the_database_refuses_more_bookings_than_workstations():
    shift = ShiftFactory(line=LineFactory(workstations=2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(booked_count=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(booked_count=1, held_count=2)
