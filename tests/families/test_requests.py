"""The one-stop shop: opening a request (assigned to the family's adviser, who is
e-mailed), messages both ways with attachments checked by content and size, the
timeline, closing with a rating, overdue requests, and the adviser's workspace."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from core.models import Feedback
from families.models import ServiceMessage, ServiceRequest, ServiceRequestEvent
from families.selectors.requests import adviser_queue, overdue_requests
from families.services.requests import (
    service_message_post,
    service_request_close,
    service_request_open,
    service_request_rate,
)
from tests.factories import UserFactory
from tests.factories.families import FamilyFactory, ServiceRequestFactory, family_member
from tests.families.helpers import messages_text, query_count, soup

pytestmark = [pytest.mark.django_db]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64


@pytest.fixture
def adviser():
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True, full_name="Səbinə İsmayılova", preferred_language="en")
    user.groups.add(Group.objects.get(name="ABAD advisers"))
    return user


@pytest.fixture
def family_and_member(adviser):
    family = FamilyFactory(adviser=adviser)
    return family_member(family, full_name="Günel Quliyeva", preferred_language="en")


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.usefixtures("english")
def test_opening_assigns_the_familys_adviser_and_emails_them(
        family_and_member, adviser, django_capture_on_commit_callbacks):
    family, member = family_and_member
    with django_capture_on_commit_callbacks(execute=True):
        request = service_request_open(family=family, opened_by=member, kind="label",
                                       title="Label for quince jam")
    assert (request.status, request.adviser) == (ServiceRequest.Status.ASSIGNED, adviser)
    assert [(e.kind, e.status) for e in request.events.all()] == [
        ("opened", "new"), ("assigned", "assigned")]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([adviser.email], f"New request: Label for quince jam ({family.enterprise.name})")]


@pytest.mark.usefixtures("english")
def test_messages_both_ways_with_an_attachment(family_and_member, adviser,
                                               django_capture_on_commit_callbacks):
    family, member = family_and_member
    request = service_request_open(family=family, opened_by=member, kind="label", title="Label")
    with django_capture_on_commit_callbacks(execute=True):
        message = service_message_post(request=request, author=member, body="Our draft",
                                       attachment=upload("draft label.PNG.pdf", PDF))
        service_message_post(request=request, author=adviser, body="Looks good",
                             by_staff=True)
    assert (message.attachment_name, message.attachment_type, message.attachment_size) == (
        "draft label.PNG.pdf", "application/pdf", len(PDF))
    with message.attachment.open("rb") as handle:
        assert handle.read() == PDF
    request.refresh_from_db()
    assert request.status == ServiceRequest.Status.IN_PROGRESS
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted([
        (adviser.email, "New message: Label"), (member.email, "New message: Label")])


@pytest.mark.parametrize(("name", "content", "message"), [
    ("label.gif", GIF, "Attach a PDF, JPEG or PNG file."),
    ("label.pdf", b"MZ\x90\x00" + b"\x00" * 64, "Attach a PDF, JPEG or PNG file."),
    ("label.pdf", b"", "The file is empty."),
    ("label.pdf", PDF + b"\x00" * (10 * 1024 * 1024), "The file is too large: at most 10 MB."),
])
@pytest.mark.usefixtures("english")
def test_forbidden_attachments_are_refused_and_nothing_saved(family_and_member, name, content,
                                                             message):
    family, member = family_and_member
    request = service_request_open(family=family, opened_by=member, kind="label", title="Label")
    with pytest.raises(DomainError) as info:
        service_message_post(request=request, author=member, body="Here", attachment=upload(
            name, content))
    assert (info.value.field, info.value.message) == ("attachment", message)
    assert ServiceMessage.objects.count() == 0
    assert request.events.filter(kind="message").count() == 0


def test_a_png_is_accepted_and_named_by_its_content(family_and_member):
    family, member = family_and_member
    request = service_request_open(family=family, opened_by=member, kind="label", title="Label")
    message = service_message_post(request=request, author=member, body="Photo",
                                   attachment=upload("photo.jpg", PNG))
    assert (message.attachment_name, message.attachment_type) == ("photo.png", "image/png")


@pytest.mark.usefixtures("english")
def test_closing_asks_for_a_rating_and_the_rating_is_feedback(
        family_and_member, adviser, django_capture_on_commit_callbacks):
    family, member = family_and_member
    request = service_request_open(family=family, opened_by=member, kind="label", title="Label")
    with pytest.raises(DomainError) as info:
        service_request_rate(request=request, author=member, rating=5)
    assert info.value.message == "A request can be rated once it is closed."
    with django_capture_on_commit_callbacks(execute=True):
        service_request_close(request=request, actor=adviser, note="Printed")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([member.email], "Done: Label. How did we do?")]
    request.refresh_from_db()
    feedback = service_request_rate(request=request, author=member, rating=4, comment="Quick")
    assert (feedback.service, feedback.rating, feedback.subject, feedback.author) == (
        Feedback.Service.ADVISORY, 4, request, member)
    service_request_rate(request=request, author=member, rating=5)
    assert Feedback.objects.get().rating == 5  # a second rating replaces the first
    assert list(request.events.values_list("kind", flat=True)) == [
        "opened", "assigned", "closed", "rated", "rated"]
    with pytest.raises(DomainError) as info:
        service_message_post(request=request, author=member, body="One more thing")
    assert info.value.message == "This request is closed; open a new one."


def test_overdue_requests_and_the_advisers_queue(adviser):
    today = timezone.localdate()
    late = ServiceRequestFactory(adviser=adviser, status="in_progress",
                                 target_date=today - datetime.timedelta(days=1))
    due = ServiceRequestFactory(adviser=adviser, status="assigned", target_date=today)
    ServiceRequestFactory(adviser=adviser, status="closed",
                          target_date=today - datetime.timedelta(days=5))
    ServiceRequestFactory(adviser=UserFactory(is_staff=True), status="in_progress",
                          target_date=today - datetime.timedelta(days=3))
    assert [r.pk for r in adviser_queue(adviser)] == [late.pk, due.pk]
    assert [r.is_overdue for r in adviser_queue(adviser)] == [True, False]
    assert overdue_requests().count() == 2


def portal_url(name, family, *args):
    return reverse(f"families:{name}", args=[family.pk, *args])


def test_the_portal_thread_with_an_attachment(client, family_and_member):
    family, member = family_and_member
    client.force_login(member)
    response = client.post(portal_url("requests", family),
                           {"kind": "legal", "title": "Registering as a sole trader"},
                           HTTP_ACCEPT_LANGUAGE="en", follow=True)
    request = ServiceRequest.objects.get()
    assert messages_text(response) == ["Your request was sent to ABAD."]
    response = client.post(portal_url("request_detail", family, request.pk),
                           {"body": "My passport", "attachment": upload("passport.pdf", PDF)},
                           HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert messages_text(response) == ["Your message was sent."]
    message = ServiceMessage.objects.get()
    link = soup(response).select_one("#thread a")
    assert link["href"] == portal_url("attachment", family, message.pk)
    download = client.get(link["href"])
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == 'attachment; filename="passport.pdf"'

    bad = client.post(portal_url("request_detail", family, request.pk),
                      {"body": "A gif", "attachment": upload("a.gif", GIF)},
                      HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert [li.get_text() for li in soup(bad).select(".errorlist li")] == [
        "Attach a PDF, JPEG or PNG file."]
    assert ServiceMessage.objects.count() == 1


def test_another_familys_requests_messages_and_files_answer_404(client, family_and_member):
    family, member = family_and_member
    other, other_member = family_member()
    theirs = service_request_open(family=other, opened_by=other_member, kind="label",
                                  title="Theirs")
    message = service_message_post(request=theirs, author=other_member, body="Private",
                                   attachment=upload("a.pdf", PDF))
    client.force_login(member)
    for family_pk in (family.pk, other.pk):
        base = ["request_detail", "request_rate", "request_cancel"]
        for name in base:
            path = reverse(f"families:{name}", args=[family_pk, theirs.pk])
            assert client.get(path).status_code in (404, 405)
            assert client.post(path, {"body": "x", "rating": 5}).status_code == 404
        assert client.get(reverse("families:attachment", args=[family_pk, message.pk])) \
            .status_code == 404
    assert ServiceMessage.objects.count() == 1
    assert ServiceRequestEvent.objects.filter(request=theirs, kind="message").count() == 1


def test_rating_from_the_portal(client, family_and_member, adviser):
    family, member = family_and_member
    request = service_request_open(family=family, opened_by=member, kind="label", title="Label")
    service_request_close(request=request, actor=adviser)
    client.force_login(member)
    response = client.post(portal_url("request_rate", family, request.pk),
                           {"rating": "4", "comment": "Thanks"}, HTTP_ACCEPT_LANGUAGE="en",
                           follow=True)
    assert messages_text(response) == ["Thank you for your rating."]
    assert soup(response).select_one("#rating p").get_text() == "You rated it 4 out of 5."


def test_the_advisers_workspace(client, family_and_member, adviser):
    family, member = family_and_member
    request = service_request_open(family=family, opened_by=member, kind="label", title="Label")
    client.force_login(adviser)
    path = reverse("families_admin:request_workspace", args=[request.pk])
    assert client.get(path).status_code == 200
    target = timezone.localdate() + datetime.timedelta(days=10)
    client.post(path, {"action": "target", "target-target_date": target.isoformat()})
    client.post(path, {"action": "status", "status-status": "waiting", "status-note": "Docs"})
    client.post(path, {"action": "message", "message-body": "Send the passport",
                       "message-attachment": upload("form.pdf", PDF)})
    request.refresh_from_db()
    assert (request.target_date, request.status) == (target, "waiting")
    assert request.messages.get().attachment_name == "form.pdf"
    refused = client.post(path, {"action": "message", "message-body": "GIF",
                                 "message-attachment": upload("a.gif", GIF)},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "Attach a PDF, JPEG or PNG file." in refused.content.decode()
    client.post(path, {"action": "close", "close-note": "Done"})
    request.refresh_from_db()
    assert request.status == "closed"
    assert list(request.events.values_list("kind", flat=True)) == [
        "opened", "assigned", "target", "status", "message", "closed"]


def test_the_queue_listing_runs_a_constant_number_of_queries(client, adviser):
    from django.contrib.auth.models import Group

    client.force_login(adviser)
    assert Group.objects.get(name="ABAD advisers") in adviser.groups.all()

    def add(n):
        for _ in range(n):
            request = ServiceRequestFactory(adviser=adviser, family=FamilyFactory())
            ServiceMessage.objects.create(request=request, author=adviser, body="Hi")

    add(1)
    one = query_count(lambda: client.get(reverse("abad_requests:index")))
    add(8)
    assert query_count(lambda: client.get(reverse("abad_requests:index"))) == one
