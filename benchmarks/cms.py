"""The public-site benchmark: the home page (live figures, open calls, upcoming events)
uncached and from the page cache, against a bare Django view in the same run, through
the full WSGI handler (benchmarks.foundation.Caller). Target: a cached page at least
0.5× the bare view's throughput. The uncached page's query count is given at two data
sizes and must be the same.

"Uncached" requests the same page with a query parameter the cache never stores
(?nocache=1), so every request renders it; the cache is the default one for a
deployment without Redis (files under the var directory, shared by processes).

More pages: `--cms-url /az/events/` (repeatable) or EXTRA_URLS below; each is measured
uncached and cached too.

    .venv/bin/python -m benchmarks cms
    .venv/bin/python -m benchmarks.cms --cms-url /az/xeberler/
"""

import datetime
import io
import sys

from benchmarks.common import BenchmarkError, format_table, measure, suite_main

EXTRA_URLS = ["/az/tedbirler/"]  # the event index (the live pages' demo builds it)
SMALL, LARGE = 5, 100
CACHED_TARGET = 0.5


def _grow(count, start):
    """`count` more startups, producing families, feedback, open calls and upcoming
    events (plain rows: this is load, not the rules being tested)."""
    from django.utils import timezone

    from core.models import Centre, Enterprise, Feedback
    from events.models import Event
    from families.models import Family
    from incubator.models import Startup
    from programmes.models import Call, Programme

    centre, _ = Centre.objects.get_or_create(
        slug="bench-innoland", defaults={
            "name": "İNNOLAND Bakı", "kind": Centre.Kind.INCUBATION_CENTRE,
            "programme": Centre.Programme.INNOLAND, "region": "baku",
            "address": "Bakı, Nizami küçəsi 1"})
    programme = Programme.objects.filter(centre=centre).first() or Programme.objects.create(
        name="Akselerasiya", slug="bench-accelerator", centre=centre,
        kind=Programme.Kind.values[0])
    now = timezone.now()
    for n in range(start, start + count):
        startup = Enterprise.objects.create(kind=Enterprise.Kind.STARTUP, name=f"Startap {n}",
                                            region="baku", sector=Enterprise.Sector.FINTECH)
        Startup.objects.create(enterprise=startup)
        family = Enterprise.objects.create(kind=Enterprise.Kind.FAMILY, name=f"Ailə {n}",
                                           region="guba", sector=Enterprise.Sector.FOOD)
        Family.objects.create(enterprise=family, trade_kind="food", trade="jam",
                              settlement="Quba", stage=Family.Stage.PRODUCING)
        Feedback.objects.create(service=Feedback.Service.EVENT, rating=1 + n % 5)
        Call.objects.create(programme=programme, title=f"Çağırış {n}",
                            opens_at=now - datetime.timedelta(days=1),
                            closes_at=now + datetime.timedelta(days=10 + n))
        starts = now + datetime.timedelta(days=3 + n)
        Event.objects.create(title=f"Tədbir {n}", kind=Event.Kind.MEETUP,
                             audience=Event.Audience.PUBLIC, status=Event.Status.PUBLISHED,
                             centre=centre, starts_at=starts,
                             ends_at=starts + datetime.timedelta(hours=2), capacity=50,
                             language="az")


def _queries(caller, environ):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        caller.get(environ)
    return len(queries.captured_queries)


def cms_tables(*, runs, warmup, extra_urls=()):
    from django.conf import settings
    from django.test.utils import override_settings

    from benchmarks.foundation import BARE_URL, HOST, Caller
    from cms.demo import seed
    from cms.demo_live import seed as seed_live_pages

    seed()
    seed_live_pages(stdout=io.StringIO())
    _grow(SMALL, 0)
    caller = Caller()
    urls = ["/az/", *EXTRA_URLS, *extra_urls]
    with override_settings(ROOT_URLCONF="benchmarks.foundation",
                           ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, HOST]):
        bare = caller.environ(BARE_URL)
        environs = {url: caller.environ(url) for url in urls}
        uncached = {url: {**environ, "QUERY_STRING": "nocache=1"}
                    for url, environ in environs.items()}
        for url in urls:
            caller.get(environs[url])  # answers 200 or raises
        small = {url: _queries(caller, uncached[url]) for url in urls}
        _grow(LARGE - SMALL, SMALL)
        large = {url: _queries(caller, uncached[url]) for url in urls}

        rows = [("bare Django view", lambda: caller.get(bare))]
        for url in urls:
            rows.append((f"{url} uncached", lambda e=uncached[url]: caller.get(e)))
            rows.append((f"{url} cached", lambda e=environs[url]: caller.get(e)))
        timings = measure([fn for _, fn in rows], runs=runs, warmup=warmup)

    bare_ms = timings[0].median_ms
    table = format_table(
        ["request (WSGI handler, in process)", "runs", "median ms", "p90 ms", "req/s",
         "× bare throughput"],
        [(label, t.runs, f"{t.median_ms:.2f}", f"{t.p90_ms:.2f}", f"{1000 / t.median_ms:.0f}",
          f"{bare_ms / t.median_ms:.2f}") for (label, _), t in zip(rows, timings, strict=True)],
        right_aligned={1, 2, 3, 4, 5})
    queries = format_table(
        ["page (uncached)", f"queries, {SMALL} of each item", f"queries, {LARGE} of each item",
         "constant"],
        [(url, small[url], large[url], "yes" if small[url] == large[url] else "NO")
         for url in urls], right_aligned={1, 2})
    verdicts = []
    for (label, _), t in zip(rows, timings, strict=True):
        if label.endswith(" cached"):
            ratio = bare_ms / t.median_ms
            verdict = "meets" if ratio >= CACHED_TARGET else "MISSES"
            verdicts.append(f"{label}: {ratio:.2f}× the bare view's throughput, {verdict} the "
                            f"{CACHED_TARGET}× target")
    if any(small[url] != large[url] for url in urls):
        raise BenchmarkError(f"query counts grow with the data: {small} → {large}\n{queries}")
    return f"{table}\n\n{queries}\n" + "\n".join(verdicts)


def run(args):
    return cms_tables(runs=min(getattr(args, "runs", 200), 300),
                      warmup=min(getattr(args, "warmup", 20), 30),
                      extra_urls=getattr(args, "cms_urls", None) or ())


def main(argv=None):
    return suite_main("cms", argv)


if __name__ == "__main__":
    sys.exit(main())
