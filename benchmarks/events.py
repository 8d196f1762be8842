"""The events benchmark: a 300-person event.

1. 300 people register in parallel (a pool of threads, each with its own database
   connection, through `events.services.registration_create`, which also sends each
   ticket e-mail with its QR code and .ics, as the embedded mode does after commit);
   then 30 more. Capacity must hold exactly: 300 confirmed, 30 waiting, no errors.
   Reported: registrations per second.
2. Checking in one ticket, the whole request (a staff member's POST through Django's
   WSGI handler: session, user, permission, the check-in service, the redirect),
   against a minimal view that does one indexed lookup and one update on the same
   database, measured interleaved in the same run. Target: at most 3× the minimal view
   requested anonymously (no session to load); the same view requested with the
   staff's session cookie is listed too, for what the middleware alone costs.
3. Issuing the 300 attendance certificates: `event_certificates_issue` with its batch
   job (render 300 PDFs, e-mail each, build the ZIP), which runs right after the issuing
   transaction commits in the embedded mode. Target: under 10 s of wall time; the
   process's CPU time is listed too, since other processes on a shared machine stretch
   wall time but not CPU time.

    .venv/bin/python -m benchmarks.events
    .venv/bin/python -m benchmarks.events --database-url postgres://postgres@127.0.0.1:5432/yuva_bench

`run(args)` is the suite protocol of `python -m benchmarks` (returns the tables as text);
it needs Django set up on a migrated database (benchmarks.common.bench_environment).
"""

import datetime
import io
import itertools
import sys
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor

from benchmarks.common import BenchmarkError, format_table, measure, suite_main

CAPACITY = 300
EXTRA = 30
THREADS = 16
CHECKIN_TARGET = 3.0
CERTIFICATES_TARGET_S = 10.0


# --- set-up -----------------------------------------------------------------------------------

def _setup():
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from core.models import Centre, User
    from events.models import Event
    from events.services import event_save

    centre = Centre.objects.create(
        name="İNNOLAND Bakı", slug="bench-innoland", kind=Centre.Kind.INCUBATION_CENTRE,
        programme=Centre.Programme.INNOLAND, region="baku", address="Bakı, Nizami küçəsi 1")
    staff = User.objects.create_user("bench.door@example.az", full_name="Aysel Məmmədova",
                                     is_staff=True, preferred_language="en")
    staff.groups.add(Group.objects.get(name="Event managers"))
    unusable = make_password(None)
    people = User.objects.bulk_create([
        User(email=f"istirakci{i:03d}@bench.example.az", full_name=f"Şəhla Məmmədova {i}",
             preferred_language=("az", "en", "ru")[i % 3], password=unusable)
        for i in range(CAPACITY + EXTRA)])
    starts = timezone.now() + datetime.timedelta(days=7)
    event = Event(title="Start-up Fest 2026", kind=Event.Kind.FESTIVAL, status="published",
                  audience=Event.Audience.PUBLIC, centre=centre, room="Böyük zal",
                  starts_at=starts, ends_at=starts + datetime.timedelta(hours=8),
                  capacity=CAPACITY)
    event_save(event=event, actor=staff)
    return event, staff, people


# --- 1. parallel registrations -------------------------------------------------------------------

def _register_all(event, people, *, threads):
    """Register `people` with a pool of `threads`; (seconds, statuses, errors)."""
    from django.db import connection

    from events.services import AttendeeInput, registration_create

    def one(user):
        return registration_create(
            event=event, user=user,
            attendees=[AttendeeInput(user.full_name, user.email)]).status

    def close(barrier):
        barrier.wait(timeout=60)  # one per worker thread, so each closes its own
        connection.close()

    statuses, errors = [], []
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for future in [pool.submit(one, user) for user in people]:
            try:
                statuses.append(future.result())
            except Exception as exc:  # noqa: BLE001 - counted and reported
                errors.append(f"{type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - started
        barrier = threading.Barrier(threads)
        for future in [pool.submit(close, barrier) for _ in range(threads)]:
            future.result()
    return seconds, statuses, errors


def registration_rows(event, people, *, threads):
    from events.models import Event, Registration

    S = Registration.Status
    rows = []
    for label, group in ((f"{CAPACITY} people for {CAPACITY} places", people[:CAPACITY]),
                         (f"{EXTRA} more once it is full", people[CAPACITY:])):
        seconds, statuses, errors = _register_all(event, group, threads=threads)
        confirmed = statuses.count(S.CONFIRMED)
        waiting = statuses.count(S.WAITLISTED)
        rows.append((label, f"{seconds:.2f} s", f"{len(group) / seconds:.0f}",
                     f"{confirmed} confirmed, {waiting} waiting, {len(errors)} errors"))
        if errors:
            raise BenchmarkError(f"registration errors: {errors[:3]}")
    taken = Event.objects.get(pk=event.pk).seats_taken
    confirmed = Registration.objects.filter(event=event, status=S.CONFIRMED).count()
    waiting = Registration.objects.filter(event=event, status=S.WAITLISTED).count()
    if (taken, confirmed, waiting) != (CAPACITY, CAPACITY, EXTRA):
        raise BenchmarkError(f"capacity broken: {taken} places taken, {confirmed} confirmed, "
                             f"{waiting} waiting")
    rows.append(("capacity afterwards", "", "",
                 f"{taken}/{CAPACITY} places taken, {confirmed} confirmed, {waiting} waiting"))
    return rows


# --- 2. check-in request against a minimal view ----------------------------------------

MINIMAL_URL = "/__bench/minimal-update/"


def minimal_update(request):
    """One indexed lookup (the ticket code) and one update, nothing else."""
    from django.http import HttpResponse
    from django.utils import timezone

    from events.models import Registration

    pk = Registration.objects.values_list("pk", flat=True).get(ticket_code=request.POST["code"])
    Registration.objects.filter(pk=pk).update(reminded_at=timezone.now())
    return HttpResponse("ok")


class Poster:
    """POSTs a form through the full WSGI handler, as a server would."""

    def __init__(self):
        from benchmarks.foundation import Caller

        self.caller = Caller()

    def post(self, url, data, cookie):
        from urllib.parse import urlencode

        body = urlencode(data).encode()
        environ = {**self.caller.environ(url, cookie), "REQUEST_METHOD": "POST",
                   "CONTENT_TYPE": "application/x-www-form-urlencoded",
                   "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
        status = []
        result = self.caller.handler(environ, lambda value, headers, exc_info=None:
                                     status.append((value, dict(headers))))
        try:
            b"".join(result)
        finally:
            result.close()
        return status[0]


def checkin_rows(event, staff, *, runs, warmup):
    from django.conf import settings
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import path, reverse
    from django.views.decorators.http import require_POST

    import config.urls
    from benchmarks.foundation import HOST, _session_cookie
    from events.models import Registration

    confirmed = list(Registration.objects.filter(event=event, status="confirmed")
                     .order_by("pk").values_list("ticket_code", flat=True))
    needed = runs + warmup + 1  # the check-ins timed, warming up and counting queries
    if needed > len(confirmed):
        raise BenchmarkError(f"--runs + --warmup must stay below {len(confirmed)} tickets")
    codes = iter(confirmed)
    every_code = itertools.cycle(Registration.objects.values_list("ticket_code", flat=True))
    token = _get_new_csrf_string()
    csrf = f"{settings.CSRF_COOKIE_NAME}={token}"
    staff_cookie = f"{_session_cookie(staff)}; {csrf}"
    urlconf = types.ModuleType("benchmarks.events_urlconf")
    urlconf.urlpatterns = [path(MINIMAL_URL.strip("/") + "/", require_POST(minimal_update)),
                           *config.urls.urlpatterns]
    poster = Poster()
    with override_settings(ROOT_URLCONF=urlconf, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, HOST]):
        checkin_url = reverse("events:checkin", args=[event.pk])

        def check_in():
            status, headers = poster.post(
                checkin_url, {"code": next(codes), "csrfmiddlewaretoken": token}, staff_cookie)
            if not status.startswith("302") or headers.get("Location") != checkin_url:
                raise BenchmarkError(f"check-in answered {status} {headers.get('Location')}")

        def minimal(cookie=csrf):
            status, _headers = poster.post(
                MINIMAL_URL, {"code": next(every_code), "csrfmiddlewaretoken": token}, cookie)
            if not status.startswith("200"):
                raise BenchmarkError(f"minimal view answered {status}")

        def minimal_as_staff():
            minimal(staff_cookie)

        fns = [minimal, check_in, minimal_as_staff]
        queries = []
        for fn in fns:
            with CaptureQueriesContext(connection) as captured:
                fn()
            queries.append(len(captured.captured_queries))
        base, checkin, base_staff = measure(fns, runs=runs, warmup=warmup)
    checked_in = Registration.objects.filter(event=event, checked_in_at__isnull=False).count()
    if checked_in != needed:
        raise BenchmarkError(f"{needed} check-ins sent, {checked_in} recorded")
    ratio = checkin.median_ms / base.median_ms
    return [
        ("minimal view: 1 indexed lookup + 1 update, anonymous", base, queries[0], "1.00"),
        ("check-in request (staff session, service, redirect)", checkin, queries[1],
         f"{ratio:.2f}"),
        ("minimal view again, with the staff's session cookie", base_staff, queries[2],
         f"{base_staff.median_ms / base.median_ms:.2f}"),
    ], ratio


# --- 3. certificates ------------------------------------------------------------------------------

def certificate_rows(event, staff):
    from django.utils import timezone

    from documents.models import CertificateBatch
    from events.models import Event, Registration
    from events.services import event_certificates_issue, registration_check_in

    for code in Registration.objects.filter(event=event, status="confirmed",
                                            checked_in_at__isnull=True).values_list(
            "ticket_code", flat=True):
        registration_check_in(event=event, actor=staff, code=code)
    starts = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(starts_at=starts,
                                             ends_at=starts + datetime.timedelta(hours=8))
    event.refresh_from_db()
    started, cpu_started = time.perf_counter(), time.process_time()
    batch = event_certificates_issue(event=event, actor=staff,
                                     signatory_name="Rəşad Hüseynov", signatory_title="Direktor")
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    batch = CertificateBatch.objects.get(pk=batch.pk)
    if (batch.status, batch.total, batch.rendered, batch.emailed) != ("done", CAPACITY,
                                                                      CAPACITY, CAPACITY):
        raise BenchmarkError(f"batch ended {batch.status}: {batch.rendered}/{batch.total} "
                             f"rendered, {batch.emailed} e-mailed; {batch.error[:300]}")
    return [(f"{CAPACITY} attendance certificates (issue, render, e-mail, ZIP)",
             f"{seconds:.2f} s", f"{cpu_seconds:.2f} s", f"{CAPACITY / seconds:.0f}/s",
             "within" if seconds < CERTIFICATES_TARGET_S else "OVER")]


# --- tables -----------------------------------------------------------------------------

def events_tables(*, runs=200, warmup=20, threads=THREADS):
    event, staff, people = _setup()
    registrations = registration_rows(event, people, threads=threads)
    checkin, ratio = checkin_rows(event, staff, runs=runs, warmup=warmup)
    certificates = certificate_rows(event, staff)
    first = format_table(
        [f"parallel registration ({threads} threads)", "time", "per second", "result"],
        registrations, right_aligned={1, 2})
    second = format_table(
        ["POST (WSGI handler, in process)", "runs", "median ms", "min ms", "p90 ms", "queries",
         "× minimal"],
        [(label, t.runs, f"{t.median_ms:.2f}", f"{t.min_ms:.2f}", f"{t.p90_ms:.2f}", q, r)
         for label, t, q, r in checkin], right_aligned={1, 2, 3, 4, 5, 6})
    verdict = "within" if ratio <= CHECKIN_TARGET else "OVER"
    third = format_table(["batch (one job, in this process)", "wall time", "CPU time", "rate",
                          "10 s target"], certificates, right_aligned={1, 2, 3})
    return (f"{first}\n\n{second}\n"
            f"check-in / anonymous minimal = {ratio:.2f}: {verdict} the 3× target\n\n{third}")


def run(args):
    """The suite entry point of `python -m benchmarks`: uses --runs and --warmup."""
    runs = min(getattr(args, "runs", 200), 250)
    return events_tables(runs=runs, warmup=min(getattr(args, "warmup", 20), 25))


def main(argv=None):
    return suite_main("events", argv)


if __name__ == "__main__":
    sys.exit(main())
