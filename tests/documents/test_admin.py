"""Staff screens for generated documents: listing, filters, export, retry, download."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from documents.models import Document
from documents.services import document_request, enterprise_profile_request
from tests.factories import EnterpriseFactory, UserFactory
from tests.factories.core import member_of

pytestmark = pytest.mark.django_db

INDEX = "generated_documents:index"
ADMIN_HOME = "wagtailadmin_home"


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True, preferred_language="en")


def staff_in(group_name):
    user = UserFactory(is_staff=True, preferred_language="en")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_documents(count, *, status="queued", kind=Document.Kind.ENTERPRISE_PROFILE,
                   title="Profil"):
    """`count` documents of distinct enterprises and requesters, without rendering."""
    pks = []
    for index in range(count):
        enterprise = EnterpriseFactory()
        document = document_request(
            kind=kind, title=f"{title} {index}", language="az", enterprise=enterprise,
            requested_by=member_of(enterprise),
        )
        pks.append(document.pk)
    extra = {"sha256": "0" * 64, "size": 10} if status == "ready" else {}
    if status == "failed":
        extra = {"error": "LookupError: boom", "attempts": 1}
    Document.objects.filter(pk__in=pks).update(status=status, **extra)
    return list(Document.objects.filter(pk__in=pks).order_by("pk"))


def listed_pks(response):
    return sorted(document.pk for document in response.context["object_list"])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_superuser_sees_every_document_in_the_listing(client, superuser):
    queued = make_documents(2)
    failed = make_documents(1, status="failed", title="Xəta")
    ready = make_documents(1, status="ready", title="Hazır")
    client.force_login(superuser)

    response = client.get(reverse(INDEX))

    assert response.status_code == 200
    assert listed_pks(response) == sorted(d.pk for d in queued + failed + ready)
    content = response.content.decode()
    assert reverse("documents_admin:retry", args=[failed[0].pk]) in content
    assert reverse("documents_admin:download", args=[ready[0].pk]) in content
    assert reverse("documents_admin:retry", args=[queued[0].pk]) not in content
    assert reverse("documents_admin:download", args=[queued[0].pk]) not in content


def test_status_filter_lists_exactly_the_failed_documents(client, superuser):
    make_documents(2)
    make_documents(2, status="ready")
    failed = make_documents(3, status="failed")
    client.force_login(superuser)

    response = client.get(reverse(INDEX), {"status": "failed"})

    assert response.status_code == 200
    assert listed_pks(response) == [d.pk for d in failed]


@pytest.mark.parametrize("who", ["superuser", "Programme managers"])
def test_listing_query_count_does_not_grow_with_the_rows(client, superuser, who):
    client.force_login(superuser if who == "superuser" else staff_in(who))
    make_documents(1, status="failed")
    client.get(reverse(INDEX))  # warm the per-process caches (content types, sites)

    with CaptureQueriesContext(connection) as one:
        first = client.get(reverse(INDEX))
    make_documents(3, status="failed")
    make_documents(3, status="ready")
    make_documents(3)
    with CaptureQueriesContext(connection) as ten:
        second = client.get(reverse(INDEX))

    assert (len(listed_pks(first)), len(listed_pks(second))) == (1, 10)
    assert len(ten) == len(one)


def test_csv_export_has_the_exact_header_row(client, superuser):
    make_documents(2, status="failed")
    client.force_login(superuser)

    response = client.get(reverse(INDEX), {"export": "csv", "status": "failed"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="documents.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Title", "Kind", "Status", "Error", "Enterprise", "Language", "SHA-256",
        "Size in bytes", "Requested by", "Created", "Rendered",
    ]
    # Wagtail exports the stored choice values, not their labels.
    assert sorted(row[:4] for row in rows[1:]) == [
        ["Profil 0", "enterprise_profile", "failed", "LookupError: boom"],
        ["Profil 1", "enterprise_profile", "failed", "LookupError: boom"],
    ]


def test_retry_get_shows_the_confirmation(client, superuser):
    document = make_documents(1, status="failed")[0]
    client.force_login(superuser)

    response = client.get(reverse("documents_admin:retry", args=[document.pk]))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "documents/admin/retry_confirm.html"
    content = response.content.decode()
    assert "<pre>LookupError: boom</pre>" in content
    assert '<button type="submit" class="button">Retry now</button>' in content
    document.refresh_from_db()
    assert document.status == "failed"


def test_retry_post_requeues_and_the_document_ends_ready(
        client, superuser, django_capture_on_commit_callbacks):
    enterprise = EnterpriseFactory(name="Qarabağ Çay")
    member = member_of(enterprise)
    with django_capture_on_commit_callbacks(execute=False):
        document = enterprise_profile_request(enterprise=enterprise, user=member)
    Document.objects.filter(pk=document.pk).update(status="failed", error="Boom", attempts=1)
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("documents_admin:retry", args=[document.pk]))

    assert response.status_code == 302
    assert response.url == reverse(INDEX)
    assert len(callbacks) == 1
    document.refresh_from_db()
    assert (document.status, document.attempts, document.error) == ("ready", 2, "")
    assert list(ModelLogEntry.objects.filter(action="yuva.document_retry")
                .values_list("object_id", "user")) == [(str(document.pk), superuser.pk)]
    followed = client.get(response.url)
    assert messages_of(followed) == [f"“{document.title}” was queued again."]

    download = client.get(reverse("documents_admin:download", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    download.close()
    with document.file.open("rb") as handle:
        assert body == handle.read()


def test_retry_post_of_a_document_that_did_not_fail_shows_the_error(
        client, superuser, django_capture_on_commit_callbacks):
    document = make_documents(1, status="ready")[0]
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("documents_admin:retry", args=[document.pk]),
                               follow=True)

    assert response.redirect_chain == [(reverse(INDEX), 302)]
    assert messages_of(response) == ["Only a failed document can be retried."]
    assert callbacks == []
    document.refresh_from_db()
    assert document.status == "ready"


def test_programme_manager_may_list_and_retry(client, django_capture_on_commit_callbacks):
    document = make_documents(1, status="failed", kind=Document.Kind.REPORT)[0]
    client.force_login(staff_in("Programme managers"))

    assert listed_pks(client.get(reverse(INDEX))) == [document.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents_admin:retry", args=[document.pk]))

    assert response.url == reverse(INDEX)
    document.refresh_from_db()
    # A report has no builder yet, so the retried job fails again.
    assert (document.status, document.attempts) == ("failed", 2)


def test_event_manager_may_list_but_not_retry(client):
    document = make_documents(1, status="failed")[0]
    client.force_login(staff_in("Event managers"))

    listing = client.get(reverse(INDEX))
    response = client.post(reverse("documents_admin:retry", args=[document.pk]))

    assert listed_pks(listing) == [document.pk]
    assert reverse("documents_admin:retry", args=[document.pk]) not in listing.content.decode()
    assert (response.status_code, response.url) == (302, reverse(ADMIN_HOME))
    document.refresh_from_db()
    assert document.status == "failed"


def test_factory_technician_is_turned_away(client, django_capture_on_commit_callbacks):
    failed = make_documents(1, status="failed")[0]
    ready = make_documents(1, status="ready")[0]
    client.force_login(staff_in("Factory technicians"))
    retry_url = reverse("documents_admin:retry", args=[failed.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        responses = [
            client.get(reverse(INDEX)),
            client.get(retry_url),
            client.post(retry_url),
            client.get(reverse("documents_admin:download", args=[ready.pk])),
            client.get(reverse("generated_documents:inspect", args=[ready.pk])),
        ]

    # Wagtail turns a permission error into a message and a redirect to the dashboard.
    assert [(r.status_code, r.url) for r in responses] == [(302, reverse(ADMIN_HOME))] * 5
    assert callbacks == []
    failed.refresh_from_db()
    assert failed.status == "failed"
    assert ModelLogEntry.objects.filter(action="yuva.document_retry").count() == 0


def test_portal_user_without_admin_access_is_sent_to_the_login(client):
    document = make_documents(1, status="failed")[0]
    client.force_login(UserFactory())

    response = client.get(reverse("documents_admin:retry", args=[document.pk]))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_documents_cannot_be_added_edited_or_deleted_even_by_a_superuser(client, superuser):
    document = make_documents(1, status="failed")[0]
    client.force_login(superuser)
    closed = [
        reverse("generated_documents:add"),
        reverse("generated_documents:edit", args=[document.pk]),
        reverse("generated_documents:delete", args=[document.pk]),
    ]

    gets = [client.get(url) for url in closed]
    posts = [client.post(url, {"title": "Typed in"}) for url in closed]

    assert [(r.status_code, r.url) for r in gets + posts] == [(302, reverse(ADMIN_HOME))] * 6
    assert list(Document.objects.values_list("pk", "title")) == [(document.pk, "Profil 0")]
    listing = client.get(reverse(INDEX)).content.decode()
    assert reverse("generated_documents:add") not in listing
    assert reverse("generated_documents:edit", args=[document.pk]) not in listing


def test_superuser_can_inspect_a_document(client, superuser):
    document = make_documents(1, status="failed")[0]
    client.force_login(superuser)

    response = client.get(reverse("generated_documents:inspect", args=[document.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "LookupError: boom" in content
    assert reverse("documents_admin:retry", args=[document.pk]) in content
