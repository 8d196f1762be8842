"""One booking per slot under real concurrency: threads with their own database
connections book the same slot at once (SQLite serialises the writers with IMMEDIATE
transactions; PostgreSQL re-checks the conditional UPDATE after the winner commits)."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from core.errors import DomainError
from incubator.models import MentoringSession, OfficeHourSlot, SlotBooking
from incubator.services import booking_create, slot_publish
from tests.factories.incubator import MentorFactory, SlotFactory, in_hours
from tests.incubator.conftest import founder_of, new_startup

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20


def run_at_once(functions):
    """Run each function in its own thread, released together; returns their outcomes
    ("ok" or the DomainError message)."""
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def worker(index, fn):
        translation.activate("en")  # the language is per thread
        try:
            barrier.wait(timeout=30)
            fn()
            outcomes[index] = "ok"
        except DomainError as exc:
            outcomes[index] = exc.message
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes[index] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def test_twenty_founders_booking_one_slot_at_once_get_exactly_one_booking():
    slot = SlotFactory(mentor=MentorFactory(), starts_at=in_hours(48))
    teams = []
    for index in range(THREADS):
        startup = new_startup(f"Startap {index}")
        teams.append((startup, founder_of(startup)))

    def book(startup, founder):
        return lambda: booking_create(slot=OfficeHourSlot.objects.get(pk=slot.pk),
                                      startup=startup, founder=founder, actor=founder)

    outcomes = run_at_once([book(startup, founder) for startup, founder in teams])

    assert sorted(outcomes) == ["Someone else has just booked this slot. Please choose "
                                "another one."] * (THREADS - 1) + ["ok"]
    assert SlotBooking.objects.filter(slot=slot).count() == 1
    assert MentoringSession.objects.filter(booking__slot=slot).count() == 1
    assert OfficeHourSlot.objects.get(pk=slot.pk).status == "booked"
    winner = teams[outcomes.index("ok")][0]
    assert SlotBooking.objects.get(slot=slot).startup == winner


def test_ten_overlapping_slots_published_at_once_leave_exactly_one():
    mentor = MentorFactory()
    starts = in_hours(72)

    def publish(offset):
        return lambda: slot_publish(mentor=mentor, actor=None,
                                    starts_at=starts.replace(minute=offset), duration_minutes=60,
                                    mode="online", link="https://meet.example.az/m")

    outcomes = run_at_once([publish(offset) for offset in range(0, 50, 5)])

    assert outcomes.count("ok") == 1
    assert all(o.startswith("This overlaps your slot at ") for o in outcomes if o != "ok")
    assert OfficeHourSlot.objects.filter(mentor=mentor).count() == 1
