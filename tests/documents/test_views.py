"""Portal pages: ask for the profile PDF, follow its status, download it."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from documents.models import Document
from documents.services import enterprise_profile_request
from tests.documents.conftest import pdf_lines
from tests.factories import EnterpriseFactory, UserFactory
from tests.factories.core import member_of

pytestmark = pytest.mark.django_db

READY = "Your document is ready."
PREPARING = "Your document is being prepared…"
FAILED = ("We could not prepare this document. The agency's staff have been told and "
          "will retry it.")


@pytest.fixture
def enterprise():
    return EnterpriseFactory(name="Xəzər Bal")


@pytest.fixture
def member(enterprise):
    return member_of(enterprise, preferred_language="en")


@pytest.fixture
def outsider():
    return UserFactory(preferred_language="en")


@pytest.fixture
def ready_document(enterprise, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = enterprise_profile_request(enterprise=enterprise, user=member)
    document.refresh_from_db()
    assert document.status == "ready"
    return document


@pytest.fixture
def queued_document(enterprise, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return enterprise_profile_request(enterprise=enterprise, user=member)


def profile_url(enterprise):
    return reverse("documents:enterprise_profile", args=[enterprise.pk])


def detail_url(document):
    return reverse("documents:detail", args=[document.pk])


def download_url(document):
    return reverse("documents:download", args=[document.pk])


def file_bytes(document):
    with document.file.open("rb") as handle:
        return handle.read()


def test_member_asks_for_the_profile_and_follows_it_to_the_download(
        client, enterprise, member, django_capture_on_commit_callbacks):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(profile_url(enterprise))

    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(document)
    assert (document.kind, document.status, document.requested_by, document.language) == (
        "enterprise_profile", "ready", member, "en",
    )

    page = client.get(response.url)
    assert page.status_code == 200
    content = page.content.decode()
    assert f'<p class="status status-ready">{READY}</p>' in content
    assert f'href="{download_url(document)}"' in content
    assert "hx-get" not in content
    assert [str(message) for message in page.context["messages"]] == [
        "Your PDF is being prepared. This page shows when it is ready.",
    ]

    download = client.get(download_url(document))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    body = b"".join(download.streaming_content)
    download.close()
    assert body == file_bytes(document)
    assert pdf_lines(body)[1] == "Xəzər Bal"


def test_status_page_polls_while_the_document_is_queued(client, member, queued_document):
    client.force_login(member)

    response = client.get(detail_url(queued_document))

    content = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="status status-queued">{PREPARING}</p>' in content
    assert f'hx-get="{detail_url(queued_document)}" hx-trigger="every 2s"' in content
    assert download_url(queued_document) not in content


def test_status_page_of_a_failed_document_stops_polling(client, member, queued_document):
    Document.objects.filter(pk=queued_document.pk).update(status="failed", error="Boom")
    client.force_login(member)

    response = client.get(detail_url(queued_document))

    content = response.content.decode()
    assert f'<p class="status status-failed">{FAILED}</p>' in content
    assert "hx-get" not in content
    assert "Boom" not in content


def test_htmx_request_gets_only_the_status_partial(client, member, ready_document):
    client.force_login(member)

    response = client.get(detail_url(ready_document), HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert response.status_code == 200
    assert [template.name for template in response.templates] == [
        "documents/portal/_status.html",
    ]
    assert content.strip().startswith('<div id="document-status" class="document-status">')
    assert content.rstrip().endswith("</div>")
    assert "<html" not in content
    assert f'<p class="status status-ready">{READY}</p>' in content


def test_full_page_is_a_whole_html_document(client, member, ready_document):
    client.force_login(member)

    response = client.get(detail_url(ready_document))

    assert [template.name for template in response.templates][:2] == [
        "documents/portal/detail.html", "base.html",
    ]
    assert "<html" in response.content.decode()


def test_the_person_who_asked_sees_the_document_after_leaving_the_enterprise(
        client, member, ready_document):
    member.memberships.all().delete()
    client.force_login(member)

    assert client.get(detail_url(ready_document)).status_code == 200


def test_non_member_cannot_ask_for_the_profile(
        client, enterprise, outsider, django_capture_on_commit_callbacks):
    client.force_login(outsider)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(profile_url(enterprise))

    assert response.status_code == 404
    assert callbacks == []
    assert Document.objects.count() == 0


def test_non_member_gets_404_for_status_and_download(client, outsider, ready_document):
    client.force_login(outsider)

    assert client.get(detail_url(ready_document)).status_code == 404
    assert client.get(detail_url(ready_document), HTTP_HX_REQUEST="true").status_code == 404
    assert client.get(download_url(ready_document)).status_code == 404


def test_member_of_another_enterprise_gets_404(client, ready_document):
    other = member_of(EnterpriseFactory(), preferred_language="en")
    client.force_login(other)

    assert client.get(detail_url(ready_document)).status_code == 404
    assert client.get(download_url(ready_document)).status_code == 404


def test_download_of_a_document_that_is_not_ready_is_404(client, member, queued_document):
    client.force_login(member)

    assert client.get(download_url(queued_document)).status_code == 404
    Document.objects.filter(pk=queued_document.pk).update(status="failed")
    assert client.get(download_url(queued_document)).status_code == 404


def test_profile_request_accepts_only_post(client, enterprise, member):
    client.force_login(member)

    assert client.get(profile_url(enterprise)).status_code == 405
    assert Document.objects.count() == 0


@pytest.mark.parametrize("method,url_of", [
    ("post", lambda enterprise, document: profile_url(enterprise)),
    ("get", lambda enterprise, document: detail_url(document)),
    ("get", lambda enterprise, document: download_url(document)),
])
def test_anonymous_is_sent_to_the_login_page(client, enterprise, ready_document, method,
                                            url_of):
    url = url_of(enterprise, ready_document)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={quote(url)}"
    assert Document.objects.count() == 1
