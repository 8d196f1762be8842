"""The families demo data: loaded through the services, idempotent, and with what the
demo logins need (the family can book and has shifts and a history, the technician has
today's sheet, the adviser a queue)."""

import pytest
from django.utils import timezone
from wagtail import hooks

from core import demo as core_demo
from families import demo
from families.models import (
    Closure,
    Family,
    FamilyApplication,
    ProductionLot,
    ServiceRequest,
    Shift,
    ShiftBooking,
    Suspension,
    WaitlistEntry,
)
from families.selectors.factories import family_member_trained_for, line_for_portal
from families.selectors.requests import adviser_queue
from families.selectors.shifts import sheet_shifts, upcoming_bookings_of
from families.wagtail_hooks import seed_families

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    core_demo.seed()
    first = demo.seed()
    second = demo.seed()
    return first, second


def test_the_demo_loads_once_with_everything_the_logins_need(seeded):
    first, second = seeded
    assert first.families == 7
    assert (second.families, second.shifts, second.bookings, second.lots, second.requests) == (
        0, 0, 0, 0, 0)
    assert set(Family.objects.values_list("stage", flat=True)) == set(Family.Stage.values)
    assert FamilyApplication.objects.filter(status="submitted").count() == 2
    assert Closure.objects.filter(kind="holiday").count() == 4

    member = core_demo.demo_user("family@yuva.test")
    family = Family.objects.get(enterprise__memberships__user=member)
    assert family.enterprise.name == "Quba Mürəbbə Evi"
    assert len(list(upcoming_bookings_of(family))) >= 2
    assert ProductionLot.objects.filter(family=family).count() >= 1
    assert WaitlistEntry.objects.filter(family=family, status="waiting").count() == 1
    assert family_member_trained_for(member, line_for_portal("guba-jam")) is True
    assert family_member_trained_for(member, line_for_portal("guba-carpets")) is False
    assert not Suspension.objects.filter(family=family).exists()

    technician = core_demo.demo_user("technician@yuva.test")
    todays = list(sheet_shifts(day=timezone.localdate(), technician=technician))
    assert sum(s.booked_count for s in todays) >= 2

    queue = list(adviser_queue(core_demo.demo_user("adviser@yuva.test")))
    assert len(queue) >= 3
    assert any(r.is_overdue for r in queue)
    assert ServiceRequest.objects.filter(status="closed").count() == 1

    assert Suspension.objects.filter(lifted_at__isnull=True, ends_at__gt=timezone.now(),
                                     family__enterprise__name="Zaqatala Dağ Balı").count() == 1
    assert ShiftBooking.objects.filter(status="no_show").count() >= 3
    full = Shift.objects.filter(waitlist__status="waiting").get()
    assert full.booked_count == full.capacity


def test_the_seed_hook_is_registered():
    assert seed_families in hooks.get_hooks(core_demo.SEED_HOOK)
