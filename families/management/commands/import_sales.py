"""Import a chain's sales report from the command line: check, print the problems,
and commit when there are none (exit code 1 when there are)."""

import calendar
import datetime
import os

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from families.models import RetailChain, SalesImport
from families.sales_import.reading import check_size
from families.services.sales import (
    sales_import_check,
    sales_import_commit,
    sales_import_commit_request,
)


def parse_day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Import a chain's sales report (CSV or XLSX): check it, then commit all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--chain", required=True, help="the chain's code")
        parser.add_argument("--month", help="YYYY-MM: the report's period is this month")
        parser.add_argument("--period-start")
        parser.add_argument("--period-end")
        parser.add_argument("--check-only", action="store_true")

    def period(self, options):
        if options["month"]:
            try:
                first = datetime.date.fromisoformat(options["month"] + "-01")
            except ValueError as exc:
                raise CommandError("--month must be YYYY-MM") from exc
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            return first, last
        if not (options["period_start"] and options["period_end"]):
            raise CommandError("give --month or both --period-start and --period-end")
        return parse_day(options["period_start"]), parse_day(options["period_end"])

    def handle(self, *args, **options):
        from families.services.sales import sales_import_upload

        chain = RetailChain.objects.filter(code=options["chain"]).first()
        if chain is None:
            raise CommandError(f"no chain with the code {options['chain']}")
        start, end = self.period(options)
        path = options["file"]
        if not os.path.isfile(path):
            raise CommandError(f"no such file: {path}")
        try:
            check_size(os.path.getsize(path))
            with open(path, "rb") as handle:
                upload = File(handle, name=os.path.basename(path))
                sales_import = sales_import_upload(chain=chain, period_start=start,
                                                   period_end=end, file=upload,
                                                   enqueue=False)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        sales_import_check(sales_import_id=sales_import.pk)
        sales_import.refresh_from_db()
        if sales_import.status == SalesImport.Status.FAILED:
            raise CommandError(sales_import.error)
        self.stdout.write(f"{sales_import.row_count} rows, "
                          f"{sales_import.error_count} with problems.")
        if sales_import.error_count:
            self.stdout.write("row\tcolumn\tproblem")
            for problem in sales_import.problems:
                self.stdout.write(f"{problem['row']}\t{problem['column']}\t{problem['message']}")
            self.stdout.write(f"Nothing imported (import #{sales_import.pk} kept as checked).")
            raise SystemExit(1)
        if options["check_only"]:
            self.stdout.write(f"No problems; import #{sales_import.pk} waits for confirmation.")
            return
        sales_import_commit_request(sales_import=sales_import, enqueue=False)
        sales_import_commit(sales_import_id=sales_import.pk)
        sales_import.refresh_from_db()
        if sales_import.status != SalesImport.Status.IMPORTED:
            raise CommandError(sales_import.error or sales_import.get_status_display())
        replaced = (f", replacing import #{sales_import.replaces_id}"
                    if sales_import.replaces_id else "")
        self.stdout.write(self.style.SUCCESS(
            f"Imported {sales_import.row_count} rows (import #{sales_import.pk}{replaced})."))
