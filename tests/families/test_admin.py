"""The back office: listings with filters and exports (constant queries), the shift
actions (cancel, technician), suspensions (lift), the technician's shift sheet, the
dashboard panels, and who may do what."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.models import Enterprise
from families.models import (
    Factory,
    ProductionLot,
    Shift,
    ShiftBooking,
    Suspension,
    WaitlistEntry,
)
from tests.factories import UserFactory
from tests.factories.families import (
    AbadCentreFactory,
    FamilyEnterpriseFactory,
    FamilyFactory,
    LineFactory,
    booked,
    family_member,
    next_monday,
    shift_at,
)
from tests.families.helpers import query_count, soup

pytestmark = pytest.mark.django_db


def staff_in(group, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def manager():
    return staff_in("Programme managers", full_name="Aysel Məmmədova", preferred_language="en")


@pytest.fixture
def technician():
    return staff_in("Factory technicians", full_name="Tural Cəfərov", preferred_language="en")


@pytest.fixture
def line():
    return LineFactory(name="Jam line", output_unit="jar", workstations=4)


def lot_for(booking, code):
    return ProductionLot.objects.create(
        shift=booking.shift, booking=booking, family=booking.family, description="Jam",
        quantity=Decimal(10), unit="jar", lot_code=code, quality="passed",
        signed_off_by=UserFactory(), signed_off_at=timezone.now())


LISTINGS = ["abad_families", "abad_applications", "abad_requests", "abad_suspensions",
            "abad_trainings", "abad_training_records", "abad_emails", "abad_shifts",
            "abad_bookings", "abad_waitlist", "abad_lots", "abad_factories", "abad_lines",
            "abad_templates", "abad_closures", "abad_rules"]


def test_every_listing_runs_a_constant_number_of_queries(client, manager, line):
    client.force_login(manager)

    def add(n):
        for _ in range(n):
            family, member = family_member(FamilyFactory(adviser=manager))
            shift = shift_at(LineFactory(factory=line.factory), next_monday(), 8,
                             technician=UserFactory(is_staff=True))
            booking = booked(shift, family, member, status=ShiftBooking.Status.CHECKED_IN)
            lot_for(booking, f"LOT-{booking.pk}")
            WaitlistEntry.objects.create(shift=shift, family=family, member=member)
            Suspension.objects.create(family=family, starts_at=timezone.now(),
                                      ends_at=timezone.now() + datetime.timedelta(days=3),
                                      reason="No-shows")

    add(1)
    client.get(reverse("wagtailadmin_home"))  # per-process caches filled before counting
    one = {name: query_count(lambda n=name: client.get(reverse(f"{n}:index")))
           for name in LISTINGS}
    add(5)
    many = {name: query_count(lambda n=name: client.get(reverse(f"{n}:index")))
            for name in LISTINGS}
    assert one == many


def test_families_filters_and_export(client, manager):
    adviser = UserFactory(is_staff=True, full_name="Səbinə İsmayılova")
    quba = FamilyFactory(enterprise=FamilyEnterpriseFactory(name="Quba Mürəbbə Evi",
                                                            region="guba", women_led=True),
                         trade="jam", stage="producing", adviser=adviser, settlement="Qımıl")
    FamilyFactory(enterprise=FamilyEnterpriseFactory(name="Şəki Pendiri", region="sheki"),
                  trade="dairy", stage="selling")
    FamilyFactory(enterprise=FamilyEnterpriseFactory(name="Quba Xalçası", region="guba",
                                                     sector=Enterprise.Sector.CRAFT),
                  trade_kind="craft", trade="carpets", stage="graduated")
    client.force_login(manager)
    index = reverse("abad_families:index")

    def names(**params):
        response = client.get(index, params)
        return [a.get_text(strip=True)
                for a in soup(response).select("table.listing td.title .title-wrapper a")]

    assert names(region="guba") == ["Quba Mürəbbə Evi", "Quba Xalçası"]
    assert names(trade_kind="craft") == ["Quba Xalçası"]
    assert names(trade="dairy") == ["Şəki Pendiri"]
    assert names(stage="producing") == ["Quba Mürəbbə Evi"]
    assert names(adviser=adviser.pk) == ["Quba Mürəbbə Evi"]
    assert names(women_led="true") == ["Quba Mürəbbə Evi"]
    assert names(women_led="true", region="sheki") == []

    response = client.get(index, {"export": "csv", "region": "guba", "women_led": "true"},
                          HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        ["Name", "Region", "Village or town", "Food or craft", "Trade", "What exactly", "Stage",
         "Adviser", "Women-led", "Household"],
        ["Quba Mürəbbə Evi", "Guba", "Qımıl", "Food", "Jam and preserves", "", "Producing",
         "Səbinə İsmayılova", "True", "0"],
    ]
    assert quba.pk


def test_a_factory_made_in_the_admin_goes_through_the_service(client, manager):
    client.force_login(manager)
    centre = AbadCentreFactory()
    response = client.post(reverse("abad_factories:add"), {
        "centre": centre.pk, "name": "ABAD Şəki", "slug": "sheki", "description": "",
        "is_active": "on"})
    assert response.status_code == 302
    factory = Factory.objects.get(slug="sheki")
    assert ModelLogEntry.objects.filter(object_id=str(factory.pk), action="wagtail.create",
                                        user=manager).count() == 1


def test_staff_cancel_a_shift_from_the_admin(client, manager, line):
    shift = shift_at(line, next_monday(), 8)
    family, member = family_member()
    booking = booked(shift, family, member)
    client.force_login(manager)
    path = reverse("families_admin:shift_cancel", args=[shift.pk])
    assert client.get(path).status_code == 200
    empty = client.post(path, {"reason": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 200
    assert Shift.objects.get(pk=shift.pk).status == Shift.Status.SCHEDULED
    response = client.post(path, {"reason": "Power cut"})
    assert response["Location"] == reverse("abad_shifts:inspect", args=[shift.pk])
    shift.refresh_from_db()
    booking.refresh_from_db()
    assert (shift.status, booking.status, booking.cancel_reason) == (
        "cancelled", "cancelled", "Power cut")


def test_a_technician_may_run_the_sheet_but_not_cancel_shifts(client, technician, line):
    shift = shift_at(line, next_monday(), 8)
    client.force_login(technician)
    assert client.get(reverse("families_admin:sheet", args=[shift.pk])).status_code == 200
    refused = client.post(reverse("families_admin:shift_cancel", args=[shift.pk]),
                          {"reason": "Tired"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Shift.objects.get(pk=shift.pk).status == Shift.Status.SCHEDULED


def test_a_family_member_cannot_reach_the_sheet(client, line):
    shift = shift_at(line, next_monday(), 8)
    _family, member = family_member()
    client.force_login(member)
    response = client.get(reverse("families_admin:sheet", args=[shift.pk]))
    assert response["Location"].startswith("/accounts/login/")


def test_assigning_a_technician_and_the_dashboard_warning(client, manager, technician, line):
    soon = timezone.localtime() + datetime.timedelta(hours=20)
    shift = Shift.objects.create(line=line, starts_at=soon, ends_at=soon + datetime.timedelta(
        hours=5), week_start=soon.date(), capacity=4)
    shift_at(line, next_monday(days=10), 8)  # unassigned but far away: not on the panel
    client.force_login(manager)
    home = soup(client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en"))
    rows = home.select("#abad-unassigned-shifts tbody tr")
    assert [r.select("td")[1].get_text() for r in rows] == ["Jam line"]
    client.post(reverse("families_admin:shift_technician", args=[shift.pk]),
                {"technician": technician.pk})
    assert Shift.objects.get(pk=shift.pk).technician == technician
    home = soup(client.get(reverse("wagtailadmin_home")))
    assert home.select_one("#abad-unassigned-shifts") is None


def test_lifting_a_suspension_in_the_admin(client, manager):
    family = FamilyFactory()
    suspension = Suspension.objects.create(
        family=family, starts_at=timezone.now(), reason="3 no-shows",
        ends_at=timezone.now() + datetime.timedelta(days=10))
    client.force_login(manager)
    path = reverse("families_admin:suspension_lift", args=[suspension.pk])
    client.post(path, {"reason": "Doctor's note"})
    suspension.refresh_from_db()
    assert (suspension.lift_reason, suspension.lifted_by) == ("Doctor's note", manager)
    assert Suspension.objects.count() == 1


@pytest.fixture
def todays_shift(line, technician):
    now = timezone.localtime()
    # started half an hour ago, but today in Baku even just after midnight
    starts = max(now - datetime.timedelta(minutes=30),
                 now.replace(hour=0, minute=0, second=0, microsecond=0))
    return Shift.objects.create(
        line=line, starts_at=starts,
        ends_at=now + datetime.timedelta(hours=4), week_start=now.date(), capacity=4,
        technician=technician)


def test_the_shift_sheet_check_in_no_show_and_a_lot(client, technician, todays_shift):
    first, first_member = family_member(FamilyFactory(
        enterprise=FamilyEnterpriseFactory(name="Quba Mürəbbə Evi")))
    second, second_member = family_member(FamilyFactory(
        enterprise=FamilyEnterpriseFactory(name="Zaqatala Balı")))
    arrived = booked(todays_shift, first, first_member)
    missing = booked(todays_shift, second, second_member)
    client.force_login(technician)
    index = soup(client.get(reverse("families_admin:sheet_index")))
    assert [a["href"] for a in index.select("#sheet-shifts a")] == [
        reverse("families_admin:sheet", args=[todays_shift.pk])]

    sheet = reverse("families_admin:sheet", args=[todays_shift.pk])
    client.post(sheet, {"booking": arrived.pk, "action": "check_in"})
    client.post(sheet, {"booking": missing.pk, "action": "no_show"})
    arrived.refresh_from_db()
    missing.refresh_from_db()
    assert (arrived.status, missing.status) == ("checked_in", "no_show")

    prefix = f"lot-{arrived.pk}-"
    bad = client.post(sheet, {"booking": arrived.pk, "action": "lot", prefix + "description": "Jam",
                              prefix + "quantity": "0", prefix + "unit": "jar",
                              prefix + "lot_code": "JAM-1", prefix + "quality": "passed",
                              prefix + "sign_off": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert [li.get_text() for li in soup(bad).select(f"#sheet-booking-{arrived.pk} .error-message, "
                                                     f"#sheet-booking-{arrived.pk} .errorlist li")
            ] == ["The quantity must be more than zero."]
    assert ProductionLot.objects.count() == 0
    unsigned = client.post(sheet, {"booking": arrived.pk, "action": "lot",
                                   prefix + "description": "Jam", prefix + "quantity": "12",
                                   prefix + "unit": "jar", prefix + "lot_code": "JAM-1",
                                   prefix + "quality": "passed"})
    assert unsigned.status_code == 400
    assert ProductionLot.objects.count() == 0
    client.post(sheet, {"booking": arrived.pk, "action": "lot", prefix + "description": "Jam",
                        prefix + "quantity": "12.5", prefix + "unit": "jar",
                        prefix + "lot_code": "jam-1", prefix + "quality": "passed",
                        prefix + "sign_off": "on"})
    lot = ProductionLot.objects.get()
    assert (lot.lot_code, lot.quantity, lot.signed_off_by, lot.family) == (
        "JAM-1", Decimal("12.5"), technician, first)
    page = soup(client.get(sheet))
    assert page.select_one(f"#sheet-booking-{arrived.pk} .sheet-lots li").get_text(
        " ", strip=True) == "JAM-1 Jam — 12.5 jars · Passed"


def test_the_sheet_runs_a_constant_number_of_queries(client, technician, todays_shift):
    client.force_login(technician)
    sheet = reverse("families_admin:sheet", args=[todays_shift.pk])

    def add(n):
        for _ in range(n):
            family, member = family_member()
            booking = booked(todays_shift, family, member, status=ShiftBooking.Status.CHECKED_IN)
            lot_for(booking, f"N1-{booking.pk}")

    add(1)
    one = query_count(lambda: client.get(sheet))
    add(3)
    assert query_count(lambda: client.get(sheet)) == one
    index = reverse("families_admin:sheet_index")
    one = query_count(lambda: client.get(index))
    Shift.objects.create(line=todays_shift.line, starts_at=todays_shift.starts_at
                         + datetime.timedelta(minutes=1), ends_at=todays_shift.ends_at,
                         week_start=todays_shift.week_start, capacity=4, technician=technician)
    assert query_count(lambda: client.get(index)) == one


def test_every_add_and_edit_screen_renders(client, manager, line):
    from families.models import BookingRules, Closure, ShiftTemplate, Training

    client.force_login(manager)
    family = FamilyFactory()
    template = ShiftTemplate.objects.create(line=line, weekdays=[0, 2], starts_at="08:00",
                                            ends_at="13:00")
    closure = Closure.objects.create(factory=line.factory, starts_on=next_monday(),
                                     ends_on=next_monday(), reason="Novruz")
    rules = BookingRules.objects.create(factory=line.factory)
    training = Training.objects.create(name="Food hygiene", code="food-hygiene")
    editable = {"abad_families": family, "abad_factories": line.factory, "abad_lines": line,
                "abad_templates": template, "abad_closures": closure, "abad_rules": rules,
                "abad_trainings": training}
    for name, instance in editable.items():
        assert client.get(reverse(f"{name}:add")).status_code == 200, name
        assert client.get(reverse(f"{name}:edit", args=[instance.pk])).status_code == 200, name
    for name in ("abad_requests", "abad_suspensions", "abad_training_records", "abad_shifts"):
        assert client.get(reverse(f"{name}:add")).status_code == 200, name


def test_a_template_saved_in_the_admin_keeps_its_weekdays(client, manager, line):
    from families.models import ShiftTemplate

    client.force_login(manager)
    response = client.post(reverse("abad_templates:add"), {
        "line": line.pk, "weekdays": ["0", "2", "4"], "starts_at": "08:00", "ends_at": "13:00",
        "valid_from": "", "valid_until": "", "is_active": "on"})
    assert response.status_code == 302
    assert ShiftTemplate.objects.get().weekdays == [0, 2, 4]
    refused = client.post(reverse("abad_templates:add"), {
        "line": line.pk, "weekdays": ["1"], "starts_at": "13:00", "ends_at": "08:00",
        "is_active": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert "A shift must end after it starts." in refused.content.decode()
    assert ShiftTemplate.objects.count() == 1


def test_nothing_can_be_deleted_from_the_back_office(client, manager, line):
    client.force_login(manager)
    shift = shift_at(line, next_monday(), 8)
    response = client.get(reverse("abad_shifts:delete", args=[shift.pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Shift.objects.filter(pk=shift.pk).exists()
