"""Writes of the sales import: upload a chain's report, check it (a background job
with progress), commit it all or nothing (another job), discard it, retry a failed job.

Status: uploaded → checking → checked → importing → imported (→ replaced by a later
import of the same chain and period); discarded; failed (with the error, retried by
checking again)."""

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from families.models import SalesImport
from families.sales_import.checking import check_rows
from families.sales_import.committing import write_records
from families.sales_import.reading import ReportUnreadable, check_size, column_positions, read_table

logger = logging.getLogger(__name__)
MAX_STORED_PROBLEMS = 5000
LIVE = (SalesImport.Status.UPLOADED, SalesImport.Status.CHECKING, SalesImport.Status.CHECKED,
        SalesImport.Status.IMPORTING, SalesImport.Status.IMPORTED)


def _enqueue_check(sales_import):
    from families.tasks import sales_import_check_task

    sales_import_check_task.delay_on_commit(sales_import.pk)


def _enqueue_commit(sales_import):
    from families.tasks import sales_import_commit_task

    sales_import_commit_task.delay_on_commit(sales_import.pk)


def _read_file(sales_import):
    with sales_import.file.open("rb") as handle:
        return handle.read()


@transaction.atomic
def sales_import_upload(*, chain, period_start, period_end, file, user=None, enqueue=True):
    """Store an uploaded report and queue its check. Refuses a file over the size limit
    (before reading it), one that is not a readable CSV/XLSX or lacks the chain's
    columns, and the same file (by SHA-256) already imported or waiting for this chain.
    Logs `yuva.sales_import_uploaded`."""
    if period_end < period_start:
        raise DomainError(_("The period ends before it starts."), field="period_end")
    if not chain.active:
        raise DomainError(_("%(chain)s is not an active chain.") % {"chain": chain.name},
                          field="chain")
    check_size(file.size)
    data = file.read()
    check_size(len(data))
    digest = hashlib.sha256(data).hexdigest()
    same = (SalesImport.objects.filter(chain=chain, sha256=digest, status__in=LIVE)
            .order_by("-created_at").first())
    if same is not None:
        when = formats.date_format(timezone.localtime(same.created_at), "SHORT_DATE_FORMAT")
        if same.status == SalesImport.Status.IMPORTED:
            message = _("This file was already imported on %(date)s for the period "
                        "%(start)s – %(end)s (import #%(pk)s).")
        else:
            message = _("This file was already uploaded on %(date)s for the period "
                        "%(start)s – %(end)s and waits in import #%(pk)s.")
        raise DomainError(message % {"date": when, "start": same.period_start.isoformat(),
                                     "end": same.period_end.isoformat(), "pk": same.pk},
                          field="file")
    header, _rows = read_table(data)
    column_positions(header, chain.column_map)
    name = (getattr(file, "name", "") or "report").rsplit("/", 1)[-1][:200]
    sales_import = SalesImport(chain=chain, period_start=period_start, period_end=period_end,
                               original_name=name, sha256=digest, created_by=user)
    sales_import.file.save(name, ContentFile(data), save=False)
    sales_import.save()
    audit_log(sales_import, "yuva.sales_import_uploaded", user=user)
    if enqueue:
        _enqueue_check(sales_import)
    return sales_import


def _progress_writer(pk):
    def write(done, total):
        SalesImport.objects.filter(pk=pk).update(progress_done=done, progress_total=total)
    return write


def _language_of(sales_import):
    user = sales_import.created_by
    return (user.preferred_language if user and user.preferred_language
            else settings.LANGUAGE_CODE)


def _run_check(sales_import):
    data = _read_file(sales_import)
    header, rows = read_table(data)
    SalesImport.objects.filter(pk=sales_import.pk).update(progress_done=0,
                                                          progress_total=len(rows))
    with translation.override(_language_of(sales_import)):
        return check_rows(chain=sales_import.chain, period_start=sales_import.period_start,
                          period_end=sales_import.period_end, header=header, rows=rows,
                          progress=_progress_writer(sales_import.pk))


def _fail(pk, exc):
    message = exc.message if isinstance(exc, DomainError) else f"{type(exc).__name__}: {exc}"
    SalesImport.objects.filter(pk=pk).update(status=SalesImport.Status.FAILED,
                                             error=message[:2000])


def sales_import_check(*, sales_import_id):
    """The check job: read the stored file, record every row's problems and counts,
    leave the import `checked`. Idempotent (only an `uploaded` import is taken). A
    failure is stored (status failed, the error) for staff to see and retry."""
    claimed = SalesImport.objects.filter(
        pk=sales_import_id, status=SalesImport.Status.UPLOADED,
    ).update(status=SalesImport.Status.CHECKING, attempts=F("attempts") + 1, error="",
             progress_done=0)
    if not claimed:
        logger.info("sales import %s is not waiting for a check; skipping", sales_import_id)
        return None
    sales_import = SalesImport.objects.select_related("chain", "created_by").get(
        pk=sales_import_id)
    try:
        result = _run_check(sales_import)
    except Exception as exc:
        if not isinstance(exc, ReportUnreadable):
            logger.exception("checking sales import %s failed", sales_import_id)
        _fail(sales_import_id, exc)
        return None
    SalesImport.objects.filter(pk=sales_import_id).update(
        status=SalesImport.Status.CHECKED, row_count=result.row_count,
        error_count=result.error_rows, problems=result.problems[:MAX_STORED_PROBLEMS],
        progress_done=F("progress_total"),
    )
    return result


@transaction.atomic
def sales_import_commit_request(*, sales_import, actor=None, enqueue=True):
    """Confirm a checked import without problems: queue the commit job (the command
    runs it in-process instead: enqueue=False)."""
    updated = SalesImport.objects.filter(
        pk=sales_import.pk, status=SalesImport.Status.CHECKED, error_count=0,
    ).update(status=SalesImport.Status.IMPORTING, progress_done=0)
    if not updated:
        raise DomainError(_("Only a checked report without problems can be imported."))
    sales_import.refresh_from_db()
    audit_log(sales_import, "yuva.sales_import_confirmed", user=actor)
    if enqueue:
        _enqueue_commit(sales_import)
    return sales_import


def sales_import_commit(*, sales_import_id):
    """The commit job: check the file again (the data may have changed since the
    preview) and, when no row has a problem, write every record in one transaction,
    replacing the chain's earlier import of the same period. Anything wrong leaves no
    record written and the import failed with the reason."""
    sales_import = (SalesImport.objects.select_related("chain", "created_by")
                    .filter(pk=sales_import_id, status=SalesImport.Status.IMPORTING).first())
    if sales_import is None:
        logger.info("sales import %s is not being imported; skipping", sales_import_id)
        return None
    try:
        result = _run_check(sales_import)
        if result.problems:
            with translation.override(_language_of(sales_import)):
                raise DomainError(_("%(count)s rows have problems now; check the report "
                                    "again.") % {"count": result.error_rows})
        sales_import.progress_total = result.row_count
        written = write_records(sales_import, result.records)
        if written is None:
            return None
    except Exception as exc:
        if not isinstance(exc, DomainError):
            logger.exception("importing sales import %s failed", sales_import_id)
        _fail(sales_import_id, exc)
        return None
    SalesImport.objects.filter(pk=sales_import_id).update(row_count=written)
    return written


@transaction.atomic
def sales_import_discard(*, sales_import, actor=None):
    """Drop an import that was not imported (its file is kept with the row)."""
    updated = SalesImport.objects.filter(
        pk=sales_import.pk,
        status__in=(SalesImport.Status.UPLOADED, SalesImport.Status.CHECKED,
                    SalesImport.Status.FAILED),
    ).update(status=SalesImport.Status.DISCARDED)
    if not updated:
        raise DomainError(_("This import cannot be discarded any more."))
    sales_import.refresh_from_db()
    audit_log(sales_import, "yuva.sales_import_discarded", user=actor)
    return sales_import


@transaction.atomic
def sales_import_retry(*, sales_import, actor=None):
    """Check a failed import again from its stored file."""
    updated = SalesImport.objects.filter(
        pk=sales_import.pk, status=SalesImport.Status.FAILED,
    ).update(status=SalesImport.Status.UPLOADED, error="", problems=[], error_count=0,
             row_count=0, progress_done=0)
    if not updated:
        raise DomainError(_("Only a failed import can be retried."))
    sales_import.refresh_from_db()
    audit_log(sales_import, "yuva.sales_import_retried", user=actor)
    _enqueue_check(sales_import)
    return sales_import
