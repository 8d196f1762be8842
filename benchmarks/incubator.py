"""The incubator benchmark: the staff startups listing with 500 startups against the
plain centres listing, the founders' office-hours page with 200 open slots, booking
throughput, one slot booked by 20 threads at once, and the impact chart of a 50-startup
cohort over 12 months.

    .venv/bin/python -m benchmarks.incubator              # on its own, SQLite
    .venv/bin/python -m benchmarks.incubator --database-url postgres://postgres@127.0.0.1:5432/yuva_bench

`run(args)` (the suite protocol of `python -m benchmarks`) returns the tables as text;
it needs Django set up on a migrated database (benchmarks.common.bench_environment).
"""

import datetime
import sys
import threading
import time
from decimal import Decimal

from benchmarks.common import BenchmarkError, format_table, measure, suite_main

STARTUPS = 500
SLOTS = 200
COHORT = 50
BOOKINGS = 100
THREADS = 20


def _data():
    """500 startups with a profile and a mentor each, 200 open slots, 12 months of
    impact reports for 50 startups; written in bulk (this is set-up, not measured)."""
    from django.contrib.auth.hashers import make_password

    from core.models import Centre, Enterprise, Membership, User
    from incubator.models import ImpactReport, Mentor, MentorAssignment, OfficeHourSlot, Startup
    from incubator.months import add_months, last_month

    centres = [Centre.objects.create(
        name=f"INNOLAND {name}", slug=f"innoland-{slug}", kind=Centre.Kind.INCUBATION_CENTRE,
        programme=Centre.Programme.INNOLAND, region=slug, address=f"{name}, mərkəz")
        for name, slug in (("Bakı", "baku"), ("Şəki", "sheki"), ("Şamaxı", "shamakhi"))]
    Enterprise.objects.bulk_create([
        Enterprise(kind=Enterprise.Kind.STARTUP, name=f"Startap {i:03d}",
                   region=centres[i % 3].region, centre=centres[i % 3],
                   sector=Enterprise.Sector.values[i % 10], women_led=i % 3 == 0,
                   employees=1 + i % 9)
        for i in range(STARTUPS)])
    enterprises = list(Enterprise.objects.order_by("pk"))
    Startup.objects.bulk_create([
        Startup(enterprise=e, stage=Startup.Stage.values[i % 4], team_size=1 + i % 9,
                public_profile=i % 2 == 0) for i, e in enumerate(enterprises)])
    startups = list(Startup.objects.order_by("pk"))
    unusable = make_password(None)
    users = User.objects.bulk_create([
        User(email=f"person{i}@bench.example.az", full_name=f"Nigar Əliyeva {i}",
             password=unusable) for i in range(STARTUPS + 40)])
    Membership.objects.bulk_create([
        Membership(enterprise=e, user=users[i], role=Membership.Role.OWNER)
        for i, e in enumerate(enterprises)])
    mentors = Mentor.objects.bulk_create([
        Mentor(user=users[STARTUPS + i], expertise=["fintech", "sales"], capacity_per_month=6)
        for i in range(40)])
    MentorAssignment.objects.bulk_create([
        MentorAssignment(mentor=mentors[i % 40], startup=s, started_on=datetime.date(2025, 1, 1))
        for i, s in enumerate(startups)])
    start = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)).replace(
        minute=0, second=0, microsecond=0)
    OfficeHourSlot.objects.bulk_create([
        OfficeHourSlot(mentor=mentors[i % 40], starts_at=start + datetime.timedelta(hours=i),
                       ends_at=start + datetime.timedelta(hours=i, minutes=30),
                       link="https://meet.example.az/m")
        for i in range(SLOTS + BOOKINGS + 1)])
    end = last_month()
    ImpactReport.objects.bulk_create([
        ImpactReport(enterprise_id=s.enterprise_id, month=add_months(end, -back),
                     revenue=Decimal(1000 + 37 * i + 11 * back), users=10 + i, employees=3)
        for i, s in enumerate(startups[:COHORT]) for back in range(12)])
    return users, startups


def _listing_rows(*, runs, warmup, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.foundation import Caller, _session_cookie
    from core.models import User

    staff = User.objects.create_superuser("bench.staff@example.az", full_name="Aysel")
    caller = Caller()
    staff_cookie = _session_cookie(staff)
    founder_cookie = _session_cookie(users[0])
    pages = [
        ("centres listing (admin, 3 rows)", caller.environ("/admin/centres/", staff_cookie),
         "INNOLAND Bakı"),
        (f"startups listing (admin, {STARTUPS} startups)",
         caller.environ("/admin/startups/", staff_cookie), "Startap 000"),
        (f"mentors with load (admin, 40 mentors, {STARTUPS} assignments)",
         caller.environ("/admin/mentors/", staff_cookie), "Nigar Əliyeva"),
        (f"office hours (portal, {SLOTS}+ open slots, page of 25)",
         caller.environ("/portal/startups/office-hours/", founder_cookie), "Book"),
    ]
    for label, environ, expected in pages:
        if expected not in caller.get(environ):
            raise BenchmarkError(f"{label}: the page lacks {expected!r}")
    timings = measure([lambda e=environ: caller.get(e) for _l, environ, _x in pages],
                      runs=runs, warmup=warmup)
    rows = []
    for (label, environ, _x), timing in zip(pages, timings, strict=True):
        with CaptureQueriesContext(connection) as ctx:
            caller.get(environ)
        rows.append((label, timing, len(ctx.captured_queries)))
    return rows


def _booking_rows(*, users, startups):
    from django.db import connection

    from core.errors import DomainError
    from incubator.charts import impact_chart_svg
    from incubator.models import OfficeHourSlot, SlotBooking, Startup
    from incubator.services import booking_create

    free = list(OfficeHourSlot.objects.filter(status="open").order_by("-starts_at")[:BOOKINGS + 1])
    contested, sequential = free[0], free[1:]
    started = time.perf_counter()
    for index, slot in enumerate(sequential):
        booking_create(slot=slot, startup=startups[index], founder=users[index],
                       actor=users[index])
    per_booking = (time.perf_counter() - started) / len(sequential) * 1000

    barrier = threading.Barrier(THREADS)
    outcomes = []

    def book(index):
        try:
            barrier.wait(timeout=30)
            booking_create(slot=contested, startup=startups[200 + index],
                           founder=users[200 + index], actor=users[200 + index])
            outcomes.append("ok")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    contention_ms = (time.perf_counter() - started) * 1000
    active = SlotBooking.objects.filter(slot=contested, status="active").count()
    if outcomes.count("ok") != 1 or active != 1:
        raise BenchmarkError(f"{THREADS} threads made {active} bookings of one slot")

    cohort = Startup.objects.filter(pk__in=[s.pk for s in startups[:COHORT]])
    (chart,) = measure([lambda: impact_chart_svg(cohort, months=12)], runs=50, warmup=5)
    return [
        (f"booking_create, {len(sequential)} in a row (claim, booking, session, 2 e-mails "
         "with .ics)", f"{per_booking:.2f} ms each", "—"),
        (f"{THREADS} threads booking one slot at once", f"{contention_ms:.0f} ms in all",
         "1 booking, 19 refused"),
        (f"impact_chart_svg, cohort of {COHORT} × 12 months", f"{chart.median_ms:.2f} ms median",
         "1 query"),
    ]


def incubator_tables(*, runs=100, warmup=10):
    users, startups = _data()
    listing = _listing_rows(runs=runs, warmup=warmup, users=users)
    bookings = _booking_rows(users=users, startups=startups)
    base = listing[0][1].median_ms
    first = format_table(
        ["page (WSGI handler, in process)", "runs", "median ms", "p90 ms", "× centres",
         "queries"],
        [(label, t.runs, f"{t.median_ms:.2f}", f"{t.p90_ms:.2f}", f"{t.median_ms / base:.1f}",
          queries) for label, t, queries in listing],
        right_aligned={1, 2, 3, 4, 5},
    )
    second = format_table(["operation", "time", "result"], bookings)
    return f"{first}\n\n{second}"


def run(args):
    """The suite entry point of `python -m benchmarks`: uses --runs and --warmup."""
    return incubator_tables(runs=getattr(args, "runs", 100), warmup=getattr(args, "warmup", 10))


def main(argv=None):
    return suite_main("incubator", argv)


if __name__ == "__main__":
    sys.exit(main())
