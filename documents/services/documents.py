"""Writes in documents: asking for a document, rendering it, retrying a failure."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import DomainError
from documents import builders
from documents.models import Document
from documents.pdf import render_pdf

logger = logging.getLogger(__name__)

IN_PROGRESS = (Document.Status.QUEUED, Document.Status.RENDERING)


def _enqueue(document):
    from documents.tasks import document_render_task

    document_render_task.delay_on_commit(document.pk)


@transaction.atomic
def document_request(*, kind, title, language, requested_by=None, enterprise=None, owner=None):
    """Create a queued Document and enqueue its rendering once the transaction commits."""
    document = Document(
        kind=kind, title=title, language=language, requested_by=requested_by,
        enterprise=enterprise,
    )
    if owner is not None:
        document.owner = owner
    document.save()
    _enqueue(document)
    return document


@transaction.atomic
def enterprise_profile_request(*, enterprise, user):
    """Ask for the one-page profile PDF of `enterprise`, in the person's language.
    While one is still queued or rendering, that one is returned instead of a second."""
    pending = (
        Document.objects.select_for_update()
        .filter(enterprise=enterprise, kind=Document.Kind.ENTERPRISE_PROFILE,
                status__in=IN_PROGRESS)
        .first()
    )
    if pending is not None:
        return pending
    language = user.preferred_language or settings.LANGUAGE_CODE
    return document_request(
        kind=Document.Kind.ENTERPRISE_PROFILE,
        title=_("Enterprise profile: %(name)s") % {"name": enterprise.name},
        language=language, requested_by=user, enterprise=enterprise,
    )


def document_render(*, document_id):
    """Render a queued document and store its file. Idempotent: a document that is
    ready, or being rendered by someone else, is left alone. A failure is stored on the
    row (status failed, the error) for staff to see and retry; it is not raised."""
    claimed = Document.objects.filter(pk=document_id, status=Document.Status.QUEUED).update(
        status=Document.Status.RENDERING, attempts=F("attempts") + 1, error="",
        updated_at=timezone.now(),
    )
    if not claimed:
        logger.info("document %s is not queued (gone, ready or taken); skipping", document_id)
        return None
    document = Document.objects.select_related("enterprise").get(pk=document_id)
    try:
        built = builders.build(document)
        pdf = render_pdf(built.template_name, built.context, document.language,
                         stylesheets=built.stylesheets)
        return document_store_pdf(document=document, pdf=pdf, filename=built.filename)
    except Exception as exc:
        logger.exception("rendering document %s failed", document_id)
        Document.objects.filter(pk=document_id).update(
            status=Document.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
            updated_at=timezone.now(),
        )
        return None


@transaction.atomic
def document_store_pdf(*, document, pdf, filename):
    """Save rendered bytes as the document's file and mark it ready."""
    document.file.save(filename, ContentFile(pdf), save=False)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size = len(pdf)
    document.status = Document.Status.READY
    document.rendered_at = timezone.now()
    document.error = ""
    document.save(update_fields=["file", "sha256", "size", "status", "rendered_at", "error",
                                 "updated_at"])
    return document


@transaction.atomic
def document_retry(*, document, actor):
    """Queue a failed document again. Logs `yuva.document_retry`."""
    updated = Document.objects.filter(pk=document.pk, status=Document.Status.FAILED).update(
        status=Document.Status.QUEUED, updated_at=timezone.now(),
    )
    if not updated:
        raise DomainError(_("Only a failed document can be retried."))
    document.refresh_from_db()
    audit_log(document, "yuva.document_retry", user=actor)
    _enqueue(document)
    return document


def documents_requeue_stale(*, now=None):
    """The scheduled sweep: a document rendering for too long lost its worker and is
    marked failed (so staff see it and can retry); one queued for too long is enqueued
    again (rendering is idempotent). Returns (failed, requeued) counts."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.YUVA_DOCUMENT_STALE_MINUTES)
    failed = Document.objects.filter(
        status=Document.Status.RENDERING, updated_at__lt=cutoff,
    ).update(
        status=Document.Status.FAILED, updated_at=now,
        error=_("The rendering job stopped before it finished. Retry it."),
    )
    stale_queued = list(
        Document.objects.filter(status=Document.Status.QUEUED, updated_at__lt=cutoff)
        .values_list("pk", flat=True)
    )
    from documents.tasks import document_render_task

    for pk in stale_queued:
        document_render_task.delay(pk)
    return failed, len(stale_queued)
