"""The families benchmark: ABAD factory shifts at the scale of a year.

    .venv/bin/python -m benchmarks.families
    .venv/bin/python -m benchmarks.families --database-url postgres://postgres@127.0.0.1:5432/yuva_bench

On a throw-away database (benchmarks.common.bench_environment) it writes, with
bulk_create, 500 families, 3 factories with 4 lines each, a year of shifts on every
line (two a working day: 6,240) and about 50,000 bookings (8 of 10 workstations per
shift; the past checked in, no-shows and cancellations among them, a lot for each
family that came), then measures:

- the family's month calendar (the whole request through the WSGI handler) and the
  staff utilisation report for the year (likewise): time and number of queries, for two
  months / periods with different amounts of data, which must be the same number;
- the utilisation report's aggregation (families.selectors.reports.utilisation for a
  year) against one hand-written SQL statement computing the same numbers, both timed
  interleaved in the same run; the numbers must match and the ratio be at most 2;
- booking throughput: 16 threads, each with its own connection, booking through
  families.services.bookings.booking_create as fast as they can on 40 shifts of 10
  workstations; bookings per second, and an overbooking check (must be zero).

It prints a table; nothing here is a test, but a wrong number or an overbooking stops
the run with an error.
"""

import argparse
import datetime
import os
import random
import sys
import threading
import time
from decimal import Decimal

from benchmarks.common import (
    BenchmarkError,
    bench_environment,
    format_table,
    measure,
    versions_line,
)

FAMILIES = 500
FACTORIES = 3
LINES_PER_FACTORY = 4
WEEKS = 52
WORKSTATIONS = 10
BOOKED_PER_SHIFT = 8
THREADS = 16
THROUGHPUT_SHIFTS = 40
BATCH = 2000


# --- Data -------------------------------------------------------------------------------

def generate():
    """The year of data, in bulk. Returns what the measurements need."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from core.models import Centre, Enterprise, Membership, User
    from families.models import (
        BookingRules,
        Factory,
        Family,
        ProductionLine,
        ProductionLot,
        Shift,
        ShiftBooking,
    )
    from families.timeutil import at, week_start

    started = time.perf_counter()
    password = make_password(None)
    users = User.objects.bulk_create([
        User(email=f"family{i:03d}@bench.yuva.test", full_name=f"Ailə üzvü {i}",
             password=password) for i in range(FAMILIES)], batch_size=BATCH)
    enterprises = Enterprise.objects.bulk_create([
        Enterprise(kind=Enterprise.Kind.FAMILY, name=f"Bench ailəsi {i:03d}", region="guba",
                   sector=Enterprise.Sector.FOOD, women_led=i % 2 == 0)
        for i in range(FAMILIES)], batch_size=BATCH)
    Membership.objects.bulk_create([
        Membership(enterprise=e, user=u, role=Membership.Role.OWNER)
        for e, u in zip(enterprises, users, strict=True)], batch_size=BATCH)
    families = Family.objects.bulk_create([
        Family(enterprise=e, trade_kind="food", trade="jam", settlement="Quba",
               stage=Family.Stage.PRODUCING) for e in enterprises], batch_size=BATCH)
    centres = Centre.objects.bulk_create([
        Centre(name=f"ABAD bench {i}", slug=f"abad-bench-{i}", kind=Centre.Kind.FACTORY,
               programme=Centre.Programme.ABAD, region="guba", address="Quba")
        for i in range(FACTORIES)])
    factories = Factory.objects.bulk_create([
        Factory(centre=c, name=f"ABAD bench fabriki {i}", slug=f"bench-{i}")
        for i, c in enumerate(centres)])
    units = ("jar", "kg", "m2", "pcs")
    lines = ProductionLine.objects.bulk_create([
        ProductionLine(factory=f, name=f"Xətt {f.pk}-{j}", slug=f"bench-{f.pk}-{j}",
                       workstations=WORKSTATIONS, output_unit=units[j])
        for f in factories for j in range(LINES_PER_FACTORY)])

    today = timezone.localdate()
    first_week = week_start(today) - datetime.timedelta(weeks=WEEKS - 13)
    now = timezone.now()
    shifts = []
    for week in range(WEEKS):
        monday = first_week + datetime.timedelta(weeks=week)
        for weekday in range(5):
            day = monday + datetime.timedelta(days=weekday)
            for start, end in ((datetime.time(8), datetime.time(13)),
                               (datetime.time(14), datetime.time(19))):
                for line in lines:
                    shifts.append(Shift(line=line, starts_at=at(day, start),
                                        ends_at=at(day, end), week_start=monday,
                                        capacity=WORKSTATIONS))
    shifts = Shift.objects.bulk_create(shifts, batch_size=BATCH)

    # Families rotate so that no family has two shifts at the same time: within one
    # time slot the 12 lines × 8 places take 96 different families.
    bookings, active, slot_of = [], {}, {}
    line_index_of = {line.pk: i for i, line in enumerate(lines)}
    for shift in shifts:
        slot_of.setdefault(shift.starts_at, len(slot_of))
    for shift in shifts:
        slot, line_index = slot_of[shift.starts_at], line_index_of[shift.line_id]
        past = shift.ends_at < now
        for k in range(BOOKED_PER_SHIFT):
            index = (slot * 97 + line_index * BOOKED_PER_SHIFT + k) % FAMILIES
            family = families[index]
            n = len(bookings)
            status = ShiftBooking.Status.BOOKED
            if past:
                status = (ShiftBooking.Status.CANCELLED if n % 20 == 0 else
                          ShiftBooking.Status.NO_SHOW if n % 10 == 1 else
                          ShiftBooking.Status.CHECKED_IN)
            bookings.append(ShiftBooking(
                shift=shift, family=family, member_id=users[index].pk, status=status,
                starts_at=shift.starts_at, ends_at=shift.ends_at,
                created_at=shift.starts_at - datetime.timedelta(days=3),
                cancelled_at=shift.starts_at - datetime.timedelta(days=2)
                if status == ShiftBooking.Status.CANCELLED else None))
            if status != ShiftBooking.Status.CANCELLED:
                active[shift.pk] = active.get(shift.pk, 0) + 1
    bookings = ShiftBooking.objects.bulk_create(bookings, batch_size=BATCH)
    counts = {}
    for shift in shifts:
        counts.setdefault(active.get(shift.pk, 0), []).append(shift.pk)
    for count, pks in counts.items():
        for i in range(0, len(pks), 900):
            Shift.objects.filter(pk__in=pks[i:i + 900]).update(booked_count=count)

    line_unit = {line.pk: line.output_unit for line in lines}
    signer = users[0]
    lots = [
        ProductionLot(shift_id=b.shift_id, booking_id=b.pk, family_id=b.family_id,
                      description="Mürəbbə", quantity=Decimal(20 + b.pk % 37),
                      # one lot in seven is in another unit than the line's
                      unit=line_unit[b.shift.line_id] if b.pk % 7 else "pcs",
                      lot_code=f"B{b.pk}", quality="passed", signed_off_by=signer,
                      signed_off_at=b.ends_at)
        for b in bookings if b.status == ShiftBooking.Status.CHECKED_IN
    ]
    ProductionLot.objects.bulk_create(lots, batch_size=BATCH)
    BookingRules.objects.bulk_create([BookingRules(factory=f) for f in factories])
    # Planner statistics, as autovacuum (PostgreSQL) would have them after a bulk load;
    # both the ORM and the hand-written SQL profit alike.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "member": users[0], "family": families[0], "first_week": first_week,
        "last_week": first_week + datetime.timedelta(weeks=WEEKS - 1), "today": today,
        "shifts": len(shifts), "bookings": len(bookings), "lots": len(lots),
        "seconds": time.perf_counter() - started,
    }


# --- Pages ------------------------------------------------------------------------------

def page_rows(data, *, runs, warmup):
    """The family's month calendar and the staff utilisation report, as requests."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from benchmarks.foundation import HOST, Caller, _session_cookie
    from core.models import User

    staff = User.objects.create_superuser("staff@bench.yuva.test", full_name="Bench staff")
    caller = Caller()
    family = data["family"]
    this_month = data["today"].replace(day=1)
    next_month = (this_month + datetime.timedelta(days=32)).replace(day=1)
    year = (f"?date_from={data['first_week']:%Y-%m-%d}&date_to={data['last_week']:%Y-%m-%d}")
    quarter = (f"?date_from={data['last_week'] - datetime.timedelta(weeks=12):%Y-%m-%d}"
               f"&date_to={data['last_week']:%Y-%m-%d}")
    member_cookie, staff_cookie = _session_cookie(data["member"]), _session_cookie(staff)

    def environ(path, cookie):
        url, _sep, query = path.partition("?")
        return {**caller.environ(url, cookie), "QUERY_STRING": query}

    pages = [
        ("family month calendar", [
            environ(f"/portal/families/{family.pk}/calendar/?month={this_month:%Y-%m}",
                    member_cookie),
            environ(f"/portal/families/{family.pk}/calendar/?month={next_month:%Y-%m}",
                    member_cookie)]),
        ("utilisation report, a year", [
            environ(f"/admin/reports/abad-utilisation/{year}", staff_cookie),
            environ(f"/admin/reports/abad-utilisation/{quarter}", staff_cookie)]),
    ]
    rows = []
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, HOST]):
        counts = []
        for label, (main_env, other_env) in pages:
            page_counts = []
            for env in (main_env, other_env):
                caller.get(env)
                with CaptureQueriesContext(connection) as queries:
                    caller.get(env)
                page_counts.append(len(queries.captured_queries))
            if page_counts[0] != page_counts[1]:
                raise BenchmarkError(f"{label}: {page_counts[0]} queries for one, "
                                     f"{page_counts[1]} for the other")
            counts.append(page_counts[0])
        timings = measure([lambda env=main_env: caller.get(env) for _l, (main_env, _o) in pages],
                          runs=runs, warmup=warmup)
    for (label, _envs), timing, count in zip(pages, timings, counts, strict=True):
        rows.append((label, timing, count))
    return rows


# --- The report against hand-written SQL -----------------------------------------------

HAND_SQL = """
SELECT s.line_id, s.week_start, COUNT(*), SUM(s.capacity), SUM(s.booked_count),
       COALESCE(SUM(b.checked_in), 0), COALESCE(SUM(b.no_shows), 0),
       COALESCE(SUM(l.lots), 0), COALESCE(SUM(l.output), 0)
FROM families_shift s
LEFT JOIN (
    SELECT shift_id,
           SUM(CASE WHEN status = 'checked_in' THEN 1 ELSE 0 END) AS checked_in,
           SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END) AS no_shows
    FROM families_shiftbooking WHERE status IN ('checked_in', 'no_show')
    GROUP BY shift_id
) b ON b.shift_id = s.id
LEFT JOIN (
    SELECT lot.shift_id, COUNT(*) AS lots,
           SUM(CASE WHEN lot.unit = line.output_unit THEN lot.quantity ELSE 0 END) AS output
    FROM families_productionlot lot
    JOIN families_shift ls ON ls.id = lot.shift_id
    JOIN families_productionline line ON line.id = ls.line_id
    GROUP BY lot.shift_id
) l ON l.shift_id = s.id
WHERE s.status = 'scheduled' AND s.week_start >= %s AND s.week_start <= %s
GROUP BY s.line_id, s.week_start
"""


def hand_sql(date_from, date_to):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(HAND_SQL, [date_from, date_to])
        return cursor.fetchall()


def _figures_orm(rows):
    return sorted((r.line.pk, r.week, r.shifts, r.capacity, r.booked, r.checked_in, r.no_shows,
                   r.lots, r.output) for r in rows)


def _figures_sql(rows):
    def week(value):
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)

    return sorted((line, week(w), int(n), int(cap), int(booked), int(ci), int(ns), int(lots),
                   Decimal(str(output)).quantize(Decimal("0.001")))
                  for line, w, n, cap, booked, ci, ns, lots, output in rows)


def report_rows(data, *, runs, warmup):
    from families.selectors.reports import utilisation

    date_from, date_to = data["first_week"], data["last_week"]
    orm = _figures_orm(utilisation(date_from=date_from, date_to=date_to))
    sql = _figures_sql(hand_sql(date_from, date_to))
    if orm != sql:
        raise BenchmarkError("the report and the hand-written SQL disagree")
    orm_timing, sql_timing = measure([
        lambda: utilisation(date_from=date_from, date_to=date_to),
        lambda: hand_sql(date_from, date_to),
    ], runs=runs, warmup=warmup)
    return [("hand-written SQL aggregate", sql_timing, len(sql)),
            ("families utilisation(), a year", orm_timing, len(orm))]


# --- Booking throughput ------------------------------------------------------------------

def throughput(*, threads=THREADS, attempts_per_thread=60):
    """`threads` clients booking at once through the service on 40 weekend shifts of 10
    workstations (the weekday data leaves the weekends free, so overlaps and quotas do
    not get in the way). Returns (attempts, bookings, seconds, overbooked shifts)."""
    from django.db import connection
    from django.utils import timezone

    from core.errors import DomainError
    from families.models import BookingRules, Factory, Family, ProductionLine, Shift, ShiftBooking
    from families.services.bookings import booking_create
    from families.timeutil import at, week_start

    factory = Factory.objects.order_by("pk").first()
    line = ProductionLine.objects.create(factory=factory, name="Throughput", slug="throughput",
                                         workstations=WORKSTATIONS)
    BookingRules.objects.create(line=line, max_days_ahead=365, min_notice_hours=0,
                                quota_per_week=50, quota_per_month=200)
    saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate()
                                                               .weekday()) % 7 + 7)
    shifts = []
    for i in range(THROUGHPUT_SHIFTS):
        day = saturday + datetime.timedelta(days=7 * (i // 4) + (i // 2) % 2)
        start = datetime.time(8) if i % 2 == 0 else datetime.time(13)
        starts = at(day, start)
        shifts.append(Shift.objects.create(
            line=line, starts_at=starts, ends_at=starts + datetime.timedelta(hours=4),
            week_start=week_start(day), capacity=WORKSTATIONS))
    families = list(Family.objects.select_related("enterprise")
                    .prefetch_related("enterprise__members").order_by("pk"))
    plans = []
    for t in range(threads):
        rng = random.Random(t)
        plans.append([(rng.choice(families), rng.choice(shifts))
                      for _ in range(attempts_per_thread)])
    outcomes = {"booked": 0, "refused": 0, "errors": []}
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def client(plan):
        booked = refused = 0
        try:
            barrier.wait(timeout=60)
            for family, shift in plan:
                member = family.enterprise.members.all()[0]
                try:
                    booking_create(shift=shift, family=family, member=member)
                    booked += 1
                except DomainError:
                    refused += 1
        except Exception as exc:  # noqa: BLE001 - reported below
            with lock:
                outcomes["errors"].append(exc)
        finally:
            connection.close()
            with lock:
                outcomes["booked"] += booked
                outcomes["refused"] += refused

    workers = [threading.Thread(target=client, args=(plan,)) for plan in plans]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    if outcomes["errors"]:
        raise BenchmarkError(f"booking threads failed: {outcomes['errors'][:3]}")
    overbooked = 0
    for shift in Shift.objects.filter(line=line):
        active = ShiftBooking.objects.filter(shift=shift, status__in=ShiftBooking.ACTIVE).count()
        if active > shift.capacity or active != shift.booked_count:
            overbooked += 1
    total = ShiftBooking.objects.filter(shift__line=line).count()
    if total != outcomes["booked"]:
        raise BenchmarkError(f"{total} bookings written, {outcomes['booked']} reported")
    return threads * attempts_per_thread, outcomes["booked"], seconds, overbooked


# --- Output -----------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.families",
                                     description="Measure ABAD shifts at the scale of a year.")
    parser.add_argument("--database-url", metavar="URL",
                        help="PostgreSQL database to create and drop (its name must contain "
                             "'bench'). Default: SQLite in a temporary directory.")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per row (30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (3)")
    parser.add_argument("--threads", type=int, default=THREADS, help="booking clients (16)")
    parser.add_argument("--attempts", type=int, default=60,
                        help="booking attempts per client (60)")
    return parser.parse_args(argv)


def run(report=print, *, database_url=None, runs=30, warmup=3, threads=THREADS, attempts=60):
    """Run the whole benchmark and hand its text to `report` (print by default)."""
    started = time.perf_counter()
    with bench_environment(database_url=database_url):
        set_up = time.perf_counter() - started
        data = generate()
        load_before = os.getloadavg()[0]
        pages = page_rows(data, runs=runs, warmup=warmup)
        report_vs_sql = report_rows(data, runs=runs, warmup=warmup)
        attempts_total, booked, seconds, overbooked = throughput(
            threads=threads, attempts_per_thread=attempts)
        versions = versions_line()
        load_after = os.getloadavg()[0]
    if overbooked:
        raise BenchmarkError(f"{overbooked} shifts overbooked")
    sql_ms = report_vs_sql[0][1].median_ms
    ratio = report_vs_sql[1][1].median_ms / sql_ms
    lines = [
        "Yuva families benchmark",
        versions,
        f"data: {FAMILIES} families, {FACTORIES} factories, {FACTORIES * LINES_PER_FACTORY} "
        f"lines, {data['shifts']} shifts over {WEEKS} weeks, {data['bookings']} bookings, "
        f"{data['lots']} lots, written in {data['seconds']:.1f} s",
        "",
        format_table(
            ["request (WSGI handler, in process)", "runs", "median ms", "min ms", "p90 ms",
             "queries"],
            [(label, t.runs, f"{t.median_ms:.1f}", f"{t.min_ms:.1f}", f"{t.p90_ms:.1f}", q)
             for label, t, q in pages],
            right_aligned={1, 2, 3, 4, 5}),
        "(queries: the same for this month and the next / a year and a quarter)",
        "",
        format_table(
            ["utilisation for a year", "runs", "median ms", "min ms", "p90 ms", "rows",
             "× SQL"],
            [(label, t.runs, f"{t.median_ms:.1f}", f"{t.min_ms:.1f}", f"{t.p90_ms:.1f}", n,
              f"{t.median_ms / sql_ms:.2f}") for label, t, n in report_vs_sql],
            right_aligned={1, 2, 3, 4, 5, 6}),
        f"report / hand-written SQL = {ratio:.2f} (at most 2: "
        f"{'yes' if ratio <= 2 else 'NO'}); the same numbers: yes",
        "",
        format_table(
            ["booking throughput", "clients", "attempts", "bookings", "seconds",
             "attempts/s", "bookings/s", "overbooked shifts"],
            [("booking_create, 40 shifts × 10", threads, attempts_total, booked,
              f"{seconds:.2f}", f"{attempts_total / seconds:.0f}", f"{booked / seconds:.0f}",
              overbooked)],
            right_aligned={1, 2, 3, 4, 5, 6, 7}),
        "",
        f"set-up (fresh database, migrations) {set_up:.1f} s; total "
        f"{time.perf_counter() - started:.1f} s; load average {load_before:.1f} before "
        f"measuring, {load_after:.1f} after",
    ]
    report("\n".join(lines))
    return ratio


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        run(database_url=args.database_url, runs=args.runs, warmup=args.warmup,
            threads=args.threads, attempts=args.attempts)
    except BenchmarkError as exc:
        print(f"benchmark: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
