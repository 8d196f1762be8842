"""The utilisation report: exact figures per line and week, aggregated in the database
in a constant number of queries, with its chart and exports."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from families.models import ProductionLot, Shift, ShiftBooking
from families.selectors.reports import utilisation, weekly_totals
from tests.factories import UserFactory
from tests.factories.families import FactoryFactory, LineFactory, booked, family_member, shift_at

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2030, 3, 4)
S = ShiftBooking.Status


def lot(booking, quantity, unit, code):
    return ProductionLot.objects.create(
        shift=booking.shift, booking=booking, family=booking.family, description="Jam",
        quantity=Decimal(quantity), unit=unit, lot_code=code, quality="passed",
        signed_off_by=UserFactory(), signed_off_at=timezone.now())


@pytest.fixture
def data():
    factory = FactoryFactory(name="Guba factory")
    jam = LineFactory(factory=factory, name="Jam line", workstations=4, output_unit="jar")
    loom = LineFactory(factory=factory, name="Looms", workstations=2, output_unit="m2")
    families = [family_member()[0] for _ in range(4)]
    # Week 1, jam: two shifts (8 places); 3 + 2 booked; one no-show; lots 100 + 50 jars
    # and 7 kg (another unit: counted as a lot, not in the jar output).
    first, second = shift_at(jam, MONDAY, 8), shift_at(jam, MONDAY + datetime.timedelta(days=1), 8)
    b = [booked(first, f, status=s) for f, s in zip(families, (S.CHECKED_IN, S.CHECKED_IN,
                                                                S.NO_SHOW), strict=False)]
    c = [booked(second, f, status=s) for f, s in zip(families, (S.CHECKED_IN, S.BOOKED),
                                                      strict=False)]
    booked(second, families[3], status=S.CANCELLED)
    lot(b[0], 100, "jar", "A1")
    lot(b[1], 50, "jar", "A2")
    lot(c[0], 7, "kg", "A3")
    # A cancelled shift offers nothing.
    Shift.objects.filter(pk=shift_at(jam, MONDAY + datetime.timedelta(days=2), 8).pk).update(
        status=Shift.Status.CANCELLED)
    # Week 2, jam: one empty shift. Week 1, looms: one shift, full, 12.5 m².
    shift_at(jam, MONDAY + datetime.timedelta(days=7), 8)
    full = shift_at(loom, MONDAY + datetime.timedelta(days=3), 9)
    d = [booked(full, f, status=S.CHECKED_IN) for f in families[:2]]
    lot(d[0], "12.5", "m2", "B1")
    return factory, jam, loom


def test_the_figures_per_line_and_week(data):
    _factory, jam, loom = data
    rows = utilisation(date_from=MONDAY, date_to=MONDAY + datetime.timedelta(days=7))
    assert [(r.line.name, r.week, r.shifts, r.capacity, r.booked, r.checked_in, r.no_shows,
             r.lots, r.output, r.utilisation, r.no_show_rate, r.output_per_shift)
            for r in rows] == [
        ("Jam line", MONDAY, 2, 8, 5, 3, 1, 3, Decimal("150"), Decimal("62.5"), Decimal("20.0"),
         Decimal("75.00")),
        ("Jam line", MONDAY + datetime.timedelta(days=7), 1, 4, 0, 0, 0, 0, Decimal(0),
         Decimal(0), Decimal(0), Decimal("0")),
        ("Looms", MONDAY, 1, 2, 2, 2, 0, 1, Decimal("12.5"), Decimal("100.0"), Decimal("0.0"),
         Decimal("12.50")),
    ]
    assert rows[0].week_label == "2030-W10"
    totals = weekly_totals(rows)
    assert [(t.week, t.capacity, t.booked, t.utilisation) for t in totals] == [
        (MONDAY, 10, 7, Decimal("70.0")), (MONDAY + datetime.timedelta(days=7), 4, 0, Decimal(0))]
    assert [r.line for r in utilisation(date_from=MONDAY, date_to=MONDAY, line=loom)] == [loom]


def test_a_constant_number_of_queries_whatever_the_period(data):
    _factory, jam, _loom = data

    def count(weeks):
        with CaptureQueriesContext(connection) as ctx:
            utilisation(date_from=MONDAY, date_to=MONDAY + datetime.timedelta(weeks=weeks))
        return len(ctx.captured_queries)

    one = count(0)
    for week in range(2, 10):
        shift_at(jam, MONDAY + datetime.timedelta(weeks=week), 8)
    assert count(12) == one == 4


def test_the_report_page_chart_and_export(client, data):
    manager = UserFactory(is_staff=True, preferred_language="en")
    manager.groups.add(Group.objects.get(name="Programme managers"))
    client.force_login(manager)
    path = reverse("families_utilisation_report")
    params = {"date_from": MONDAY.isoformat(), "date_to": (MONDAY + datetime.timedelta(days=7))
              .isoformat()}
    response = client.get(path, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 1 + html.count('<svg class="icon')
    assert '<title>2030-W10: 70.0%</title>' in html
    response = client.get(path, {**params, "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Factory", "Production line", "Week starting", "Week", "Shifts",
                       "Workstations offered", "Booked", "Utilisation (%)", "Checked in",
                       "No-shows", "No-show rate (%)", "Lots", "Output", "Unit",
                       "Output per shift"]
    assert rows[1] == ["Guba factory", "Jam line", "2030-03-04", "2030-W10", "2", "8", "5",
                       "62.5", "3", "1", "20.0", "3", "150.000", "jars", "75.00"]
    assert len(rows) == 4
    response = client.get(path, {**params, "export": "xlsx"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_technicians_do_not_see_the_report(client):
    technician = UserFactory(is_staff=True)
    technician.groups.add(Group.objects.get(name="ABAD advisers"))
    client.force_login(technician)
    assert client.get(reverse("families_utilisation_report")).status_code == 200
    outsider = UserFactory(is_staff=True)
    client.force_login(outsider)
    response = client.get(reverse("families_utilisation_report"))
    assert response.status_code == 302
