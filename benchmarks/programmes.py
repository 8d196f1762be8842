"""The programmes benchmark: automatic reviewer assignment for 500 applications and 40
reviewers with 3 reviews each, and the ranking page (normalised, first page of 50)
against a plain 50-row admin listing of centres, at 500 and at 5,000 applications.

    .venv/bin/python -m benchmarks.programmes              # on its own, SQLite
    .venv/bin/python -m benchmarks.programmes --database-url postgres://postgres@127.0.0.1:5432/yuva_bench

`run(args)` (the suite protocol of `python -m benchmarks`) returns the tables as text;
it needs Django set up on a migrated database (benchmarks.common.bench_environment).

Targets (the issue): assignment under 2 s; the ranking page at most 2× the centres
listing measured in the same run, with a constant number of queries; at 5,000
applications at most 1.5× its time at 500.
"""

import random
import statistics
import sys
import time

from benchmarks.common import BenchmarkError, format_table, measure, suite_main

SMALL, LARGE = 500, 5000
REVIEWERS = 40
PER_APPLICATION = 3
CENTRES = 50
ASSIGN_RUNS = 5


def _startups(count, prefix):
    """`count` startups (enterprise + profile), written in bulk."""
    from core.models import Enterprise
    from incubator.models import Startup

    first = Enterprise.objects.bulk_create([
        Enterprise(kind=Enterprise.Kind.STARTUP, name=f"{prefix} Startap {i:05d}",
                   region="baku", sector=Enterprise.Sector.values[i % 10], employees=1 + i % 9)
        for i in range(count)], batch_size=1000)
    names = [e.name for e in first]
    enterprises = list(Enterprise.objects.filter(name__in=names).order_by("pk"))
    Startup.objects.bulk_create([Startup(enterprise=e) for e in enterprises], batch_size=1000)
    return list(Startup.objects.filter(enterprise__in=enterprises).order_by("pk"))


def _call_with_applications(programme, count, prefix):
    import datetime

    from django.utils import timezone

    from programmes.models import Application, Call

    now = timezone.now()
    call = Call.objects.create(programme=programme, title=f"{prefix} intake",
                               opens_at=now - datetime.timedelta(days=30),
                               closes_at=now - datetime.timedelta(days=1))
    Application.objects.bulk_create([
        Application(call=call, startup=s, status=Application.Status.IN_REVIEW)
        for s in _startups(count, prefix)], batch_size=1000)
    return call


def _round(call, reviewers, name):
    from programmes.models import Criterion, ReviewRound

    round = ReviewRound(call=call, name=name, status=ReviewRound.Status.OPEN,
                        reviews_per_application=PER_APPLICATION, blind=True, normalise=True)
    for criterion, weight in (("Komanda", 3), ("Bazar", 2), ("Məhsul", 2), ("Təsir", 1)):
        round.criteria.add(Criterion(name=criterion, weight=weight))
    round.reviewers.set(reviewers)
    round.save()
    return round


def _score_everything(round, seed):
    """Every review submitted with a score: the application's quality plus the reviewer's
    bias plus noise (what normalisation is for). Set-up, written in bulk."""
    from django.utils import timezone

    from programmes.models import Review

    rng = random.Random(seed)
    bias, quality = {}, {}
    reviews = list(Review.objects.filter(round=round).only("pk", "reviewer_id",
                                                           "application_id"))
    now = timezone.now()
    for review in reviews:
        b = bias.setdefault(review.reviewer_id, rng.uniform(-1, 1))
        q = quality.setdefault(review.application_id, rng.uniform(1.5, 4.5))
        review.score = round_to_quarter(min(5, max(1, q + b + rng.gauss(0, 0.5))))
        review.status = Review.Status.SUBMITTED
        review.submitted_at = now
        review.recommendation = "accept" if review.score >= 3.5 else "maybe"
    Review.objects.bulk_update(reviews, ["score", "status", "submitted_at", "recommendation"],
                               batch_size=1000)
    return len(reviews)


def round_to_quarter(value):
    return round(value * 4) / 4


def _data():
    from django.contrib.auth.hashers import make_password

    from core.models import Centre, User
    from programmes.models import Programme

    centres = Centre.objects.bulk_create([
        Centre(name=f"INNOLAND Mərkəz {i:02d}", slug=f"bench-centre-{i:02d}",
               kind=Centre.Kind.INCUBATION_CENTRE, programme=Centre.Programme.INNOLAND,
               region="baku", address=f"Bakı, Nizami küçəsi {i}") for i in range(CENTRES)])
    programme = Programme.objects.create(name="INNOLAND Akselerasiya", slug="bench-accel",
                                         kind=Programme.Kind.ACCELERATION, centre=centres[0])
    unusable = make_password(None)
    User.objects.bulk_create([
        User(email=f"reviewer{i:02d}@bench.example.az", full_name=f"Rəyçi {i:02d}",
             password=unusable) for i in range(REVIEWERS)])
    reviewers = list(User.objects.filter(email__endswith="@bench.example.az").order_by("pk"))
    small = _call_with_applications(programme, SMALL, "Kiçik")
    large = _call_with_applications(programme, LARGE, "Böyük")
    return reviewers, small, large


def _assignment_rows(reviewers, small, large):
    """Automatic assignment on a fresh round, ASSIGN_RUNS times at 500 (one round each,
    same applications and reviewers), once at 5,000."""
    from programmes.services.reviews import round_assign

    samples, created = [], 0
    for run in range(ASSIGN_RUNS):
        round = _round(small, reviewers, f"Assignment {run}")
        started = time.perf_counter()
        result = round_assign(round=round, actor=None)
        samples.append(time.perf_counter() - started)
        created = result.created
        if created != SMALL * PER_APPLICATION or result.short:
            raise BenchmarkError(f"assignment made {created} reviews, short {result.short}")
    measured_small = _round(small, reviewers, "Ranking")
    round_assign(round=measured_small, actor=None)
    measured_large = _round(large, reviewers, "Ranking")
    started = time.perf_counter()
    result_large = round_assign(round=measured_large, actor=None)
    large_seconds = time.perf_counter() - started
    loads = _loads(measured_small)
    rows = [
        (f"round_assign, {SMALL} applications × {PER_APPLICATION}, {REVIEWERS} reviewers",
         ASSIGN_RUNS, f"{statistics.median(samples):.3f}", f"{max(samples):.3f}",
         f"{created} reviews, loads {min(loads)}–{max(loads)}",
         "yes" if max(samples) < 2 else "NO"),
        (f"round_assign, {LARGE} applications × {PER_APPLICATION}, {REVIEWERS} reviewers",
         1, f"{large_seconds:.3f}", f"{large_seconds:.3f}",
         f"{result_large.created} reviews", "—"),
    ]
    return rows, measured_small, measured_large


def _loads(round):
    from collections import Counter

    from programmes.models import Review

    return list(Counter(Review.objects.filter(round=round).values_list(
        "reviewer_id", flat=True)).values())


def _analyze():
    """Fresh statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) keep
    them in production: without them the planner guesses a few rows for a table that
    was just bulk-loaded and joins the 15,000 reviews in a nested loop."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _centres_listing_with_50_rows():
    """The centres listing shows 20 rows a page; for a like-for-like comparison with
    the ranking's 50, its view's paginate_by is raised to 50 for this run."""
    from django.urls import resolve

    view = resolve("/admin/centres/").func
    view.view_initkwargs["paginate_by"] = CENTRES


def _page_rows(*, runs, warmup, small, large):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.foundation import Caller, _session_cookie
    from core.models import User

    staff = User.objects.create_superuser("bench.staff@example.az", full_name="Aysel")
    caller = Caller()
    cookie = _session_cookie(staff)
    _centres_listing_with_50_rows()
    pages = [
        (f"centres listing (admin, {CENTRES} rows)", caller.environ("/admin/centres/", cookie),
         f"INNOLAND Mərkəz {CENTRES - 1:02d}"),
        (f"ranking, {SMALL} applications, normalised, page of 50",
         caller.environ(f"/admin/programmes-workflow/rounds/{small.pk}/ranking/", cookie),
         "Startap"),
        (f"ranking, {LARGE} applications, normalised, page of 50",
         caller.environ(f"/admin/programmes-workflow/rounds/{large.pk}/ranking/", cookie),
         "Startap"),
    ]
    for label, environ, expected in pages:
        body = caller.get(environ)
        if expected not in body:
            raise BenchmarkError(f"{label}: the page lacks {expected!r}")
        rows = body.count("<tr id=\"rank-") if "ranking" in label else CENTRES
        if rows != 50:
            raise BenchmarkError(f"{label}: {rows} rows instead of 50")
    timings = measure([lambda e=environ: caller.get(e) for _l, environ, _x in pages],
                      runs=runs, warmup=warmup)
    rows = []
    for (label, environ, _x), timing in zip(pages, timings, strict=True):
        with CaptureQueriesContext(connection) as ctx:
            caller.get(environ)
        rows.append((label, timing, len(ctx.captured_queries)))
    return rows


def programmes_tables(*, runs=100, warmup=10):
    reviewers, small, large = _data()
    assignment, round_small, round_large = _assignment_rows(reviewers, small, large)
    _score_everything(round_small, seed=1)
    _score_everything(round_large, seed=2)
    _analyze()
    pages = _page_rows(runs=runs, warmup=warmup, small=round_small, large=round_large)
    centres, ranking_small, ranking_large = (t.median_ms for _l, t, _q in pages)
    first = format_table(
        ["operation", "runs", "median s", "max s", "result", "< 2 s"], assignment,
        right_aligned={1, 2, 3})
    second = format_table(
        ["page (WSGI handler, in process)", "runs", "median ms", "p90 ms", "× centres",
         "queries"],
        [(label, t.runs, f"{t.median_ms:.2f}", f"{t.p90_ms:.2f}",
          f"{t.median_ms / centres:.2f}", queries) for label, t, queries in pages],
        right_aligned={1, 2, 3, 4, 5})
    queries = {q for _l, _t, q in pages[1:]}
    verdicts = [
        f"ranking at {SMALL} / centres listing: {ranking_small / centres:.2f} "
        f"(target ≤ 2): {'yes' if ranking_small <= 2 * centres else 'NO'}",
        f"ranking at {LARGE} / ranking at {SMALL}: {ranking_large / ranking_small:.2f} "
        f"(target ≤ 1.5): {'yes' if ranking_large <= 1.5 * ranking_small else 'NO'}",
        f"ranking queries at {SMALL} and {LARGE}: {sorted(queries)} "
        f"({'constant' if len(queries) == 1 else 'NOT constant'})",
    ]
    return "\n\n".join([first, second, "\n".join(verdicts)])


def run(args):
    """The suite entry point of `python -m benchmarks`: uses --runs and --warmup."""
    return programmes_tables(runs=getattr(args, "runs", 100),
                             warmup=getattr(args, "warmup", 10))


def main(argv=None):
    return suite_main("programmes", argv)


if __name__ == "__main__":
    sys.exit(main())
