"""Document PDFs rendered by a real Celery worker on Redis, not eagerly in-process."""

import hashlib
import os
import re
import signal
import time

import pytest
from django.urls import reverse

from core.models import Enterprise
from documents.models import Document
from documents.tasks import document_render_task
from tests.factories.core import EnterpriseFactory, member_of
from tests.services.conftest import celery_worker_process, database_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

DEADLINE_SECONDS = 60


def wait_for_status(pk, statuses, *, timeout=DEADLINE_SECONDS):
    """Poll the row until its status is one of `statuses`; fail with what the row says."""
    deadline = time.monotonic() + timeout
    while True:
        document = Document.objects.get(pk=pk)
        if document.status in statuses:
            return document
        if document.status == Document.Status.FAILED:
            pytest.fail(f"rendering failed: {document.error}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"document {pk} still {document.status!r} after {timeout}s",
                        pytrace=False)
        time.sleep(0.2)


def test_profile_pdf_is_rendered_by_the_worker_and_downloaded(client, celery_worker,
                                                               celery_on_redis):
    enterprise = EnterpriseFactory(name="Gəncə Ailə Mürəbbəsi", kind=Enterprise.Kind.FAMILY,
                                   sector=Enterprise.Sector.FOOD, region="ganja")
    user = member_of(enterprise, preferred_language="en")
    client.force_login(user)
    log_start = len(celery_worker.log())

    response = client.post(reverse("documents:enterprise_profile", args=[enterprise.pk]))

    document = Document.objects.get(enterprise=enterprise)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])

    document = wait_for_status(document.pk, {Document.Status.READY})
    # Rendered by the worker, not eagerly in this process: the job went through Redis.
    succeeded = re.findall(r"Task (\S+)\[[0-9a-f-]+\] succeeded", celery_worker.log()[log_start:])
    assert succeeded == ["documents.tasks.document_render_task"]
    assert document.attempts == 1
    assert document.error == ""
    with document.file.open("rb") as f:
        stored = f.read()
    assert stored[:5] == b"%PDF-"
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert document.size == len(stored)
    assert f"documents/enterprise_profile/{document.created_at:%Y/%m}/" in document.file.name

    page = client.get(reverse("documents:detail", args=[document.pk]))
    assert page.status_code == 200
    assert b'id="download-link"' in page.content

    download = client.get(reverse("documents:download", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    assert body == stored
    assert hashlib.sha256(body).hexdigest() == document.sha256
    assert celery_worker.alive()


def test_a_job_delivered_twice_renders_the_document_once(celery_worker, celery_on_redis):
    enterprise = EnterpriseFactory()
    document = Document.objects.create(
        kind=Document.Kind.ENTERPRISE_PROFILE, title="Profile", language="az",
        enterprise=enterprise,
    )

    document_render_task.delay(document.pk)
    document_render_task.delay(document.pk)
    first = wait_for_status(document.pk, {Document.Status.READY})
    # A third job behind the two: once the worker has taken it, both earlier ones are
    # done, so the row shows whether the duplicate rendered again.
    marker = Document.objects.create(
        kind=Document.Kind.ENTERPRISE_PROFILE, title="Marker", language="az",
        enterprise=enterprise,
    )
    document_render_task.delay(marker.pk)
    wait_for_status(marker.pk, {Document.Status.READY})

    document.refresh_from_db()
    assert document.attempts == 1
    assert document.sha256 == first.sha256
    assert document.rendered_at == first.rendered_at
    assert document.file.name == first.file.name


def test_the_worker_process_is_gone_after_it_is_killed_or_stopped(redis_url, tmp_path):
    with celery_worker_process(broker_url=redis_url, db_url=database_url(),
                               log_dir=tmp_path) as worker:
        pid = worker.pid
        assert worker.alive()
        os.kill(pid, signal.SIGKILL)
        worker.process.wait(timeout=10)
    # The context manager coped with a worker that was already dead and reaped it.
    assert worker.process.returncode == -signal.SIGKILL
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
