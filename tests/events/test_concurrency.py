"""Capacity and check-in under real concurrency: threads, each with its own database
connection, committing for real (transaction=True). Runs on SQLite (IMMEDIATE
transactions serialise writers) and on PostgreSQL (the event row is locked)."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.utils import translation

from core.errors import DomainError
from events.models import Event, Registration
from events.services import registration_check_in
from tests.factories.events import EventFactory, PersonFactory, register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]
S = Registration.Status


def run_at_once(fns):
    """Call each function in its own thread, all released together; return what each
    returned or raised, in order. Every thread closes its database connection."""
    barrier = threading.Barrier(len(fns))
    outcomes = [None] * len(fns)

    def run(index, fn):
        try:
            barrier.wait(timeout=30)
            with translation.override("en"):  # the active language is per thread
                outcomes[index] = fn()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(fns)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def test_50_concurrent_registrations_for_the_last_10_places():
    event = EventFactory(capacity=30)
    for _ in range(20):
        register(event)
    people = [PersonFactory() for _ in range(50)]

    outcomes = run_at_once([lambda user=user: register(event, user) for user in people])

    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert errors == []
    assert Counter(o.status for o in outcomes) == {S.CONFIRMED: 10, S.WAITLISTED: 40}
    event.refresh_from_db()
    assert event.seats_taken == 30
    assert Registration.objects.filter(event=event, status=S.CONFIRMED).count() == 30
    assert Registration.objects.filter(event=event, status=S.WAITLISTED).count() == 40
    assert len({o.ticket_code for o in outcomes}) == 50


def test_concurrent_groups_never_exceed_capacity():
    event = EventFactory(capacity=10, max_group_size=3)
    fns = [lambda i=i: register(event, guests=[(f"Qonaq {i}a", f"g{i}a@example.az"),
                                               (f"Qonaq {i}b", f"g{i}b@example.az")])
           for i in range(12)]
    outcomes = run_at_once(fns)
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    confirmed = [o for o in outcomes if o.status == S.CONFIRMED]
    assert len(confirmed) == 3  # 3 groups of 3 fill 9 of 10 places
    event.refresh_from_db()
    assert event.seats_taken == 9
    assert sum(Registration.objects.filter(event=event, status=S.CONFIRMED)
               .values_list("size", flat=True)) == 9


def test_the_same_person_registering_twice_at_once_gets_one_registration():
    event = EventFactory(capacity=10)
    user = PersonFactory()
    outcomes = run_at_once([lambda: register(event, user) for _ in range(5)])
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert [o.message for o in refused] == ["You are already registered for this event."] * 4
    assert Registration.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.seats_taken == 1


def test_several_staff_checking_in_the_same_ticket_count_it_once():
    event = EventFactory()
    registration = register(event)
    staff = [PersonFactory(is_staff=True) for _ in range(8)]
    outcomes = run_at_once([
        lambda actor=actor: registration_check_in(event=event, actor=actor,
                                                  code=registration.ticket_code)
        for actor in staff])
    successes = [o for o in outcomes if not isinstance(o, Exception)]
    refusals = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(successes) == 1
    assert len(refusals) == 7
    assert all("was already checked in at" in r.message for r in refusals)
    registration.refresh_from_db()
    assert registration.checked_in_by == successes[0].checked_in_by
    assert Event.objects.get(pk=event.pk).seats_taken == 1
