"""`python -m benchmarks [SUITE ...]`: run benchmark suites and print their tables.

    .venv/bin/python -m benchmarks                      # every suite
    .venv/bin/python -m benchmarks foundation certificates
    .venv/bin/python -m benchmarks --database-url postgres://postgres@127.0.0.1:5432/yuva_bench

A suite is a module benchmarks/<name>.py with `run(args) -> str` (the printed text),
called inside one throw-away environment (benchmarks.common.bench_environment).
"""

import argparse
import importlib
import os
import sys
import time

from benchmarks.common import BenchmarkError, bench_environment, format_table, versions_line


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure Yuva's request and PDF costs on a throw-away database.",
    )
    parser.add_argument(
        "--database-url", metavar="URL",
        help="run on PostgreSQL: the database named in the URL (it must contain 'bench', "
             "e.g. postgres://postgres@127.0.0.1:5432/yuva_bench) is created and dropped "
             "afterwards. Default: SQLite in a temporary directory.",
    )
    parser.add_argument("--runs", type=int, default=200, help="timed requests per page (200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first (20)")
    parser.add_argument("--pdf-runs", type=int, default=30, help="timed PDFs per variant (30)")
    parser.add_argument("--pdf-warmup", type=int, default=3, help="untimed PDFs first (3)")
    parser.add_argument("--debug", action="store_true", help="run with DEBUG=True")
    parser.add_argument("--certificates", type=int, default=1000,
                        help="certificates in the batch benchmark (1000)")
    parser.add_argument("--cms-url", dest="cms_urls", action="append", default=[],
                        metavar="PATH", help="another public page for the cms suite, e.g. "
                        "/az/events/ (repeatable)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="sales suite: multiply its data and import sizes (1.0)")
    parser.add_argument("suites", nargs="*", metavar="SUITE",
                        help=f"which suites to run (default: all of {', '.join(SUITES)})")
    args = parser.parse_args(argv)
    unknown = set(args.suites) - set(SUITES)
    if unknown:
        parser.error(f"unknown suite(s): {', '.join(sorted(unknown))}")
    args.suites = args.suites or list(SUITES)
    if min(args.runs, args.pdf_runs) < 1 or min(args.warmup, args.pdf_warmup) < 0:
        parser.error("runs must be at least 1 and warm-ups at least 0")
    return args


SUITES = ("foundation", "certificates", "business_plan", "incubator", "programmes", "events",
          "sales", "cms")


def request_table(rows):
    bare_ms = rows[0][1].median_ms
    return format_table(
        ["request (WSGI handler, in process)", "runs", "median ms", "min ms", "p90 ms",
         "× bare", "queries"],
        [
            (label, timing.runs, f"{timing.median_ms:.2f}", f"{timing.min_ms:.2f}",
             f"{timing.p90_ms:.2f}", f"{timing.median_ms / bare_ms:.1f}", queries)
            for label, timing, queries in rows
        ],
        right_aligned={1, 2, 3, 4, 5, 6},
    )


def pdf_table(rows):
    raw_ms = rows[0][1].median_ms
    return format_table(
        ["one-page PDF (A4, 20-row table)", "runs", "median ms", "min ms", "p90 ms", "× raw"],
        [
            (label, timing.runs, f"{timing.median_ms:.1f}", f"{timing.min_ms:.1f}",
             f"{timing.p90_ms:.1f}", f"{timing.median_ms / raw_ms:.2f}")
            for label, timing in rows
        ],
        right_aligned={1, 2, 3, 4, 5},
    )


def run(args):
    """The foundation suite: requests against a bare view, PDFs against raw WeasyPrint."""
    from benchmarks import foundation

    requests = foundation.request_rows(runs=args.runs, warmup=args.warmup)
    pdfs = foundation.pdf_rows(runs=args.pdf_runs, warmup=args.pdf_warmup)
    return "\n\n".join([request_table(requests), pdf_table(pdfs)])


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    outputs = []
    try:
        with bench_environment(database_url=args.database_url, debug=args.debug):
            set_up = time.perf_counter() - started
            load_before = os.getloadavg()[0]
            versions = versions_line()
            for suite in args.suites:
                if suite == "foundation":
                    outputs.append((suite, run(args)))
                else:
                    module = importlib.import_module(f"benchmarks.{suite}")
                    outputs.append((suite, module.run(args)))
            load_after = os.getloadavg()[0]
    except BenchmarkError as exc:
        print(f"benchmark: {exc}", file=sys.stderr)
        return 2
    print("Yuva benchmarks")
    print(versions)
    for suite, text in outputs:
        print()
        print(f"## {suite}")
        print(text)
    print()
    print(f"set-up (fresh database, migrations) {set_up:.1f} s; "
          f"total {time.perf_counter() - started:.1f} s; "
          f"load average {load_before:.1f} before measuring, {load_after:.1f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
