"""A chain's sales report checked and imported by a real Celery worker on Redis: the
upload returns at once, the worker fills in progress and problems, the commit job writes
every row, and importing the same period again replaces it."""

import re
import time
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from families.models import SalesImport, SalesRecord
from families.services.sales import sales_import_commit_request, sales_import_upload
from tests.factories.sales import JAN, report, sales_setup

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

DEADLINE_SECONDS = 60


def wait_for(pk, status):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        sales_import = SalesImport.objects.get(pk=pk)
        if sales_import.status == status:
            return sales_import
        if sales_import.status == SalesImport.Status.FAILED:
            pytest.fail(f"the import failed: {sales_import.error}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"import {pk} still {sales_import.status!r}", pytrace=False)
        time.sleep(0.2)


def upload(chain, data):
    return sales_import_upload(chain=chain, period_start=JAN[0], period_end=JAN[1],
                               file=ContentFile(data, name="bazar-january.csv"))


def test_a_report_is_checked_and_imported_by_the_worker(celery_worker, celery_on_redis):
    setup = sales_setup()
    jam, cheese = setup["jam"].gtin, setup["cheese"].gtin
    log_start = len(celery_worker.log())

    first = upload(setup["chain"], report(f"B001;{jam};2026-01-05;3;21,00;10",
                                          f"B002;{cheese};2026-01-06;2;25,00;4"))
    checked = wait_for(first.pk, SalesImport.Status.CHECKED)
    assert (checked.row_count, checked.error_count, checked.problems) == (2, 0, [])
    assert (checked.progress_done, checked.progress_total) == (2, 2)

    sales_import_commit_request(sales_import=checked)
    imported = wait_for(first.pk, SalesImport.Status.IMPORTED)
    assert list(SalesRecord.objects.order_by("row_number").values_list(
        "store__code", "units", "value")) == [
        ("B001", Decimal("3.000"), Decimal("21.00")),
        ("B002", Decimal("2.000"), Decimal("25.00"))]

    # The chain sends a corrected report for the same month: it replaces the first.
    second = upload(setup["chain"], report(f"B001;{jam};2026-01-05;4;28,00;9"))
    sales_import_commit_request(sales_import=wait_for(second.pk, SalesImport.Status.CHECKED))
    wait_for(second.pk, SalesImport.Status.IMPORTED)
    imported.refresh_from_db()
    assert imported.status == SalesImport.Status.REPLACED
    assert list(SalesRecord.objects.values_list("sales_import", "units")) == [
        (second.pk, Decimal("4.000"))]

    succeeded = re.findall(r"Task (\S+)\[[0-9a-f-]+\] succeeded", celery_worker.log()[log_start:])
    assert succeeded == ["families.tasks.sales_import_check_task",
                         "families.tasks.sales_import_commit_task",
                         "families.tasks.sales_import_check_task",
                         "families.tasks.sales_import_commit_task"]
