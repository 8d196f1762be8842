"""Asking for a document, rendering it on commit, failures, retries and the sweep."""

import hashlib
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.errors import DomainError
from documents.models import Document
from documents.services import (
    document_render,
    document_request,
    document_retry,
    documents_requeue_stale,
    enterprise_profile_request,
)
from tests.documents.conftest import pdf_lines
from tests.factories import EnterpriseFactory, UserFactory
from tests.factories.core import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise():
    return EnterpriseFactory(name="Günəş Tekstil MMC", centre__name="INNOLAND Gəncə")


@pytest.fixture
def member(enterprise):
    return member_of(enterprise, preferred_language="ru", full_name="Жанна Иванова")


def file_bytes(document):
    with document.file.open("rb") as handle:
        return handle.read()


def request_report(**kwargs):
    """A document of a kind no builder is registered for, so its rendering fails."""
    return document_request(kind=Document.Kind.REPORT, title="Hesabat 2026", language="az",
                            **kwargs)


def test_profile_request_queues_one_document_in_the_persons_language(
        enterprise, member, django_capture_on_commit_callbacks, en):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = enterprise_profile_request(enterprise=enterprise, user=member)

    assert len(callbacks) == 1
    assert list(Document.objects.values_list(
        "pk", "kind", "status", "language", "enterprise", "requested_by", "attempts", "title",
    )) == [(document.pk, "enterprise_profile", "queued", "ru", enterprise.pk, member.pk, 0,
            "Enterprise profile: Günəş Tekstil MMC")]


def test_second_request_while_queued_returns_the_same_document(
        enterprise, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = enterprise_profile_request(enterprise=enterprise, user=member)
        second = enterprise_profile_request(enterprise=enterprise, user=UserFactory())

    assert second.pk == first.pk
    assert Document.objects.count() == 1
    assert len(callbacks) == 1


def test_profile_is_rendered_on_commit_and_stored_with_its_checksum(
        enterprise, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = enterprise_profile_request(enterprise=enterprise, user=member)

    document.refresh_from_db()
    data = file_bytes(document)
    assert (document.status, document.attempts, document.error) == ("ready", 1, "")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.rendered_at is not None
    assert document.file.name.startswith("documents/enterprise_profile/")
    assert document.filename == f"profile-gunes-tekstil-mmc-{document.pk}.pdf"
    lines = pdf_lines(data)
    # Rendered in the person's language (ru).
    assert lines[:-2] == [
        "Yuva · Профиль предприятия",
        "Günəş Tekstil MMC",
        "Тип Стартап",
        "Регион Баку",
        "Центр INNOLAND Gəncə",
        "Отрасль Программное обеспечение",
        "Дата основания 01.03.2024",
        "Руководитель — женщина нет",
        "Число сотрудников 3",
        "Участники",
        "Жанна Иванова Владелец",
    ]
    assert lines[-2].startswith("Сформировано в Yuva ")
    assert lines[-1] == "1 / 1"


def test_a_new_request_after_the_first_is_ready_makes_a_new_document(
        enterprise, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = enterprise_profile_request(enterprise=enterprise, user=member)
    with django_capture_on_commit_callbacks(execute=False):
        second = enterprise_profile_request(enterprise=enterprise, user=member)

    assert second.pk != first.pk
    assert list(Document.objects.order_by("pk").values_list("status", flat=True)) == [
        "ready", "queued",
    ]


def test_render_of_a_ready_document_is_a_no_op(
        enterprise, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = enterprise_profile_request(enterprise=enterprise, user=member)
    document.refresh_from_db()
    before = (document.status, document.attempts, document.sha256, document.file.name,
              document.updated_at)

    assert document_render(document_id=document.pk) is None

    document.refresh_from_db()
    assert (document.status, document.attempts, document.sha256, document.file.name,
            document.updated_at) == before


def test_render_of_a_missing_document_is_a_no_op():
    assert document_render(document_id=987654) is None


def test_failed_render_is_stored_not_raised(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = request_report()

    document.refresh_from_db()
    assert (document.status, document.attempts, document.error, document.sha256,
            document.file.name) == (
        "failed", 1, "LookupError: no builder registered for document kind 'report'", "", "",
    )


def test_retry_queues_a_failed_document_again_and_logs_it(
        django_capture_on_commit_callbacks, en):
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        document = request_report()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        retried = document_retry(document=document, actor=staff)

    assert len(callbacks) == 1
    assert (retried.status, retried.attempts) == ("queued", 1)
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Document), object_id=str(document.pk),
    )
    assert list(entries.values_list("action", "user", "label")) == [
        ("yuva.document_retry", staff.pk, "Hesabat 2026"),
    ]
    assert entries.get().message == "Document retried"

    # Running the queued job renders it again, and it fails again: attempts count up.
    callbacks[0]()
    document.refresh_from_db()
    assert (document.status, document.attempts) == ("failed", 2)


def test_retry_of_a_failed_profile_ends_ready(
        enterprise, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        document = enterprise_profile_request(enterprise=enterprise, user=member)
    Document.objects.filter(pk=document.pk).update(status="failed", error="Boom", attempts=1)
    document.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        document_retry(document=document, actor=UserFactory(is_staff=True))

    document.refresh_from_db()
    assert (document.status, document.attempts, document.error) == ("ready", 2, "")


@pytest.mark.parametrize("status", ["queued", "rendering"])
def test_retry_of_a_document_that_did_not_fail_is_refused(
        status, django_capture_on_commit_callbacks, en):
    with django_capture_on_commit_callbacks(execute=False):
        document = request_report()
    Document.objects.filter(pk=document.pk).update(status=status)

    actor = UserFactory(is_staff=True)
    with (django_capture_on_commit_callbacks(execute=False) as callbacks,
          pytest.raises(DomainError) as raised):
        document_retry(document=document, actor=actor)

    assert raised.value.message == "Only a failed document can be retried."
    assert callbacks == []
    assert ModelLogEntry.objects.filter(action="yuva.document_retry").count() == 0


def test_retry_of_a_ready_document_is_refused(
        enterprise, member, django_capture_on_commit_callbacks, en):
    with django_capture_on_commit_callbacks(execute=True):
        document = enterprise_profile_request(enterprise=enterprise, user=member)
    document.refresh_from_db()

    with pytest.raises(DomainError) as raised:
        document_retry(document=document, actor=UserFactory(is_staff=True))

    assert raised.value.message == "Only a failed document can be retried."
    document.refresh_from_db()
    assert (document.status, document.attempts) == ("ready", 1)
    assert ModelLogEntry.objects.filter(action="yuva.document_retry").count() == 0


def test_sweep_fails_lost_renders_and_requeues_old_queued_documents(
        enterprise, member, settings, django_capture_on_commit_callbacks, en):
    now = timezone.now()
    stale = now - timedelta(minutes=settings.YUVA_DOCUMENT_STALE_MINUTES, seconds=1)
    fresh = now - timedelta(minutes=settings.YUVA_DOCUMENT_STALE_MINUTES - 1)
    with django_capture_on_commit_callbacks(execute=False):
        lost = request_report()
        busy = request_report()
        old_queued = enterprise_profile_request(enterprise=enterprise, user=member)
        new_queued = request_report()
    Document.objects.filter(pk__in=[lost.pk, busy.pk]).update(status="rendering", attempts=1)
    Document.objects.filter(pk__in=[lost.pk, old_queued.pk]).update(updated_at=stale)
    Document.objects.filter(pk__in=[busy.pk, new_queued.pk]).update(updated_at=fresh)

    assert documents_requeue_stale(now=now) == (1, 1)

    statuses = dict(Document.objects.values_list("pk", "status"))
    # Without a broker, Celery runs the requeued job at once: the old one got rendered.
    assert statuses == {lost.pk: "failed", busy.pk: "rendering", old_queued.pk: "ready",
                        new_queued.pk: "queued"}
    lost.refresh_from_db()
    assert lost.error == "The rendering job stopped before it finished. Retry it."
    assert lost.updated_at == now

    # A second sweep finds nothing left to do.
    assert documents_requeue_stale(now=now) == (0, 0)
