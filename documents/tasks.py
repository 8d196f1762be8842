import logging

from celery import shared_task

from documents import services

logger = logging.getLogger(__name__)


@shared_task(name="documents.tasks.document_render_task")
def document_render_task(document_id):
    services.document_render(document_id=document_id)


@shared_task(name="documents.tasks.documents_requeue_stale")
def documents_requeue_stale():
    failed, requeued = services.documents_requeue_stale()
    if failed or requeued:
        logger.warning("documents sweep: %s marked failed, %s requeued", failed, requeued)


@shared_task(name="documents.tasks.certificate_batch_run_task")
def certificate_batch_run_task(batch_id):
    from documents.services.certificates import certificate_batch_run

    certificate_batch_run(batch_id=batch_id)
