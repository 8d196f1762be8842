"""Plumbing shared by the benchmarks: a throw-away environment and database, timing
with time.perf_counter, and a plain aligned table.

Nothing in this module imports Django at import time: `bench_environment` must set
the environment (var directory, database URL) before settings are first read.
"""

import gc
import os
import platform
import shutil
import statistics
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

# Variables that would point a run at a developer's data or services; the benchmark
# runs with none of them, so everything lands in its own temporary var directory.
CLEARED_VARIABLES = (
    "DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT",
    "EMAIL_BACKEND", "EMAIL_FILE_PATH",
)


class BenchmarkError(RuntimeError):
    """The benchmark cannot run as asked (bad arguments, a page that does not answer)."""


# --- Environment and database -----------------------------------------------------------

def _postgres_name(database_url):
    import dj_database_url

    config = dj_database_url.parse(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise BenchmarkError("--database-url must be a PostgreSQL URL (postgres://...).")
    name = config["NAME"]
    # The database is dropped afterwards: refuse anything that could be real data.
    if not name or "bench" not in name:
        raise BenchmarkError(
            f"refusing to use database {name!r}: its name must contain 'bench', because "
            "the benchmark creates it and drops it afterwards (e.g. .../yuva_bench)."
        )
    return name


def _postgres_admin(database_url):
    """An autocommit connection to the server's maintenance database."""
    import psycopg

    return psycopg.connect(database_url, dbname="postgres", autocommit=True, connect_timeout=5)


def _postgres_run(database_url, *statements):
    """Run statements such as "DROP DATABASE {}" with the database name quoted in."""
    from psycopg import sql

    with _postgres_admin(database_url) as conn:
        for statement, name in statements:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


def _postgres_recreate(database_url, name):
    _postgres_run(
        database_url, ("DROP DATABASE IF EXISTS {} WITH (FORCE)", name),
        ("CREATE DATABASE {}", name),
    )


def _postgres_drop(database_url, name):
    _postgres_run(database_url, ("DROP DATABASE IF EXISTS {} WITH (FORCE)", name))


@contextmanager
def bench_environment(*, database_url=None, debug=False):
    """Set up Django on a fresh database in a temporary var directory, migrated and with
    the cache table; remove both afterwards. Yields the var directory."""
    postgres_name = _postgres_name(database_url) if database_url else None
    var_dir = tempfile.mkdtemp(prefix="yuva-bench-")
    for name in CLEARED_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "YUVA_VAR_DIR": var_dir,
        "YUVA_PROFILE": "local",
        "DEBUG": "1" if debug else "0",
    })
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # WhiteNoise warns that STATIC_ROOT (made by collectstatic) is missing; no
    # benchmark fetches a static file.
    warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
    django_ready = False
    try:
        if postgres_name:
            _postgres_recreate(database_url, postgres_name)
            os.environ["DATABASE_URL"] = database_url
        import django
        from django.core.management import call_command

        django.setup()
        django_ready = True
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        yield var_dir
    finally:
        if django_ready:
            from django.db import connections

            connections.close_all()
        if postgres_name:
            _postgres_drop(database_url, postgres_name)
        shutil.rmtree(var_dir, ignore_errors=True)


def versions_line():
    import django
    import wagtail
    import weasyprint
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.pg_version
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    elif connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        database = connection.display_name
    return (
        f"Python {platform.python_version()} · Django {django.__version__} · "
        f"Wagtail {wagtail.__version__} · WeasyPrint {weasyprint.__version__} · "
        f"database {database} · DEBUG={settings.DEBUG} · {os.cpu_count()} CPUs"
    )


# --- Timing -----------------------------------------------------------------------------

@dataclass
class Timing:
    samples: list  # seconds, one per run

    @property
    def runs(self):
        return len(self.samples)

    @property
    def median_ms(self):
        return statistics.median(self.samples) * 1000

    @property
    def min_ms(self):
        return min(self.samples) * 1000

    @property
    def p90_ms(self):
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))] * 1000


def measure(fns, *, runs, warmup):
    """Time each callable in `fns` `runs` times, after `warmup` untimed calls each.

    The calls are interleaved, one of each per round in a rotating order, so a change
    in machine load during the run weighs on every figure alike and the ratios hold.

    The objects alive after the warm-up (Django, Wagtail, WeasyPrint: some 200,000)
    are frozen out of the garbage collector's reach, as a pre-forking server does with
    gc.freeze(). Otherwise every full collection walks them all, taking 150 ms or so,
    and lands on whichever call happens to be running: an outlier that says nothing
    about that call. Collections of what the calls themselves allocate still count.
    Returns one Timing per callable, in order.
    """
    for _ in range(warmup):
        for fn in fns:
            fn()
    gc.collect()
    gc.freeze()
    try:
        samples = [[] for _ in fns]
        for round_ in range(runs):
            for offset in range(len(fns)):
                index = (round_ + offset) % len(fns)
                start = time.perf_counter()
                fns[index]()
                samples[index].append(time.perf_counter() - start)
    finally:
        gc.unfreeze()
    return [Timing(series) for series in samples]


# --- Output -----------------------------------------------------------------------------

def format_table(headers, rows, *, right_aligned=()):
    """Rows of strings as an aligned plain-text table; columns whose index is in
    `right_aligned` are aligned right (numbers)."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            str(cell).rjust(width) if index in right_aligned else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def suite_main(suite, argv=None):
    """`python -m benchmarks.<suite> [options]` is `python -m benchmarks [options] <suite>`:
    one command line and one throw-away environment for every suite."""
    import sys

    from benchmarks.__main__ import main

    return main([*(sys.argv[1:] if argv is None else argv), suite])
