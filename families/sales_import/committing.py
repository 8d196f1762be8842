"""Writing checked records: all or nothing, replacing the chain's earlier import of the
same period (its records deleted, its row kept as replaced)."""

from django.db import transaction
from django.utils import timezone

from families.models import SalesImport, SalesRecord

BATCH_SIZE = 2000


@transaction.atomic
def write_records(sales_import, records, *, batch_size=None):
    """Returns the number written, or None when another job got there first."""
    if not SalesImport.objects.select_for_update().filter(
            pk=sales_import.pk, status=SalesImport.Status.IMPORTING).exists():
        return None
    earlier = list(
        SalesImport.objects.select_for_update()
        .filter(chain_id=sales_import.chain_id, period_start=sales_import.period_start,
                period_end=sales_import.period_end, status=SalesImport.Status.IMPORTED)
        .exclude(pk=sales_import.pk)
    )
    for old in earlier:
        SalesRecord.objects.filter(sales_import=old).delete()
        old.status = SalesImport.Status.REPLACED
        old.save(update_fields=["status"])
    SalesRecord.objects.filter(sales_import=sales_import).delete()  # a retried commit
    chain_id = sales_import.chain_id
    batch_size = batch_size or BATCH_SIZE
    batch = []
    for data in records:
        batch.append(SalesRecord(sales_import_id=sales_import.pk, chain_id=chain_id, **data))
        if len(batch) >= batch_size:
            SalesRecord.objects.bulk_create(batch)
            batch = []
    if batch:
        SalesRecord.objects.bulk_create(batch)
    sales_import.status = SalesImport.Status.IMPORTED
    sales_import.imported_at = timezone.now()
    sales_import.replaces = earlier[0] if earlier else None
    sales_import.progress_done = sales_import.progress_total
    sales_import.error = ""
    sales_import.save(update_fields=["status", "imported_at", "replaces", "progress_done",
                                     "error"])
    return len(records)
