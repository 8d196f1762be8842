"""The certificate registry: issuing (idempotent batches), rendering with a QR code that
decodes to the verification page, e-mailing, revoking, and public verification."""

import datetime
import hashlib
import io
import json
import shutil
import subprocess
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.errors import DomainError
from documents.models import Certificate, CertificateBatch, Document
from documents.serials import ALPHABET, SERIAL_RE, serial_new, serial_normalise
from documents.services.certificates import (
    Recipient,
    certificate_batch_retry,
    certificate_revoke,
    certificates_issue,
)
from tests.conftest import require
from tests.documents.conftest import pdf_text
from tests.factories import CentreFactory, EnterpriseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return CentreFactory(name="İNNOLAND Şəki", slug="innoland-sheki", region="sheki")


@pytest.fixture
def staff():
    return UserFactory(email="staff@yuva.test", full_name="Staff Person", is_staff=True)


def issue(centre, staff, recipients, **kwargs):
    fields = {
        "kind": Certificate.Kind.ATTENDANCE, "title": "Start-up Fest 2026",
        "centre": centre, "signatory_name": "Rəşad Hüseynov", "signatory_title": "Direktor",
        "actor": staff, "issued_on": datetime.date(2026, 11, 20),
        "subject_label": "startup-fest-2026",
    }
    fields.update(kwargs)
    return certificates_issue(recipients=recipients, **fields)


def run_issue(django_capture_on_commit_callbacks, *args, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        batch = issue(*args, **kwargs)
    batch.refresh_from_db()
    return batch


# --- serials ---------------------------------------------------------------------------

def test_serials_are_typeable_and_unambiguous():
    serials = {serial_new() for _ in range(500)}
    assert len(serials) == 500
    assert all(SERIAL_RE.match(serial) for serial in serials)
    assert not set("01ILOU") & set(ALPHABET)


@pytest.mark.parametrize(("typed", "expected"), [
    ("YUVA-7K3M-Q9PX", "YUVA-7K3M-Q9PX"),
    ("yuva 7k3m q9px", "YUVA-7K3M-Q9PX"),
    ("7K3MQ9PX", "YUVA-7K3M-Q9PX"),
    ("YUVA-7K3M-Q9P0", None),  # 0 is not in the alphabet
    ("YUVA-7K3M-Q9P", None),
    ("<script>", None),
    ("", None),
])
def test_serial_normalise(typed, expected):
    assert serial_normalise(typed) == expected


# --- issuing ---------------------------------------------------------------------------

def test_batch_renders_emails_and_zips(django_capture_on_commit_callbacks, centre, staff):
    user = UserFactory(email="aysel@example.az", full_name="Aysel Məmmədova",
                       preferred_language="ru")
    recipients = [
        Recipient(name="Aysel Məmmədova", user=user),
        Recipient(name="Elvin Əliyev", email="elvin@example.az", language="az"),
        Recipient(name="John Smith", email="john@example.com", language="en"),
    ]
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff, recipients)

    assert (batch.status, batch.total, batch.rendered, batch.emailed, batch.failed) == (
        CertificateBatch.Status.DONE, 3, 3, 3, 0)
    certificates = list(Certificate.objects.filter(pk__in=batch.certificate_ids).order_by("pk"))
    assert [c.language for c in certificates] == ["ru", "az", "en"]
    assert [c.recipient_email for c in certificates] == [
        "aysel@example.az", "elvin@example.az", "john@example.com"]
    assert all(c.document.status == Document.Status.READY for c in certificates)
    for certificate in certificates:
        data = certificate.document.file.open("rb").read()
        assert hashlib.sha256(data).hexdigest() == certificate.document.sha256

    assert sorted(m.to[0] for m in mail.outbox) == [
        "aysel@example.az", "elvin@example.az", "john@example.com"]
    english = next(m for m in mail.outbox if m.to == ["john@example.com"])
    assert english.subject == "Your certificate: Start-up Fest 2026"
    assert english.attachments[0][0] == f"{certificates[2].serial}.pdf"
    assert english.attachments[0][2] == "application/pdf"
    assert certificates[2].get_verification_url() in english.body

    with batch.zip_file.open("rb") as handle:
        names = sorted(zipfile.ZipFile(io.BytesIO(handle.read())).namelist())
    assert names == sorted(f"{c.serial}.pdf" for c in certificates)
    assert ModelLogEntry.objects.filter(action="yuva.certificates_issued").count() == 1


def test_pdf_content_in_recipient_language(django_capture_on_commit_callbacks, centre, staff):
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff, [
        Recipient(name="Jane Doe", email="jane@example.com", language="en"),
    ], kind=Certificate.Kind.GRADUATION, title="Pre-acceleration 2026",
        expires_on=datetime.date(2028, 11, 20))
    certificate = Certificate.objects.get(pk=batch.certificate_ids[0])
    text = pdf_text(certificate.document.file.open("rb").read())
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "Certificate of graduation" in lines
    assert "Jane Doe" in lines
    assert "Pre-acceleration 2026" in lines
    assert "Rəşad Hüseynov" in lines
    assert certificate.serial in lines
    assert "Date of issue 20.11.2026" in lines
    assert "Valid until 20.11.2028" in lines


def test_issuing_again_returns_the_existing_certificate(
    django_capture_on_commit_callbacks, centre, staff,
):
    recipients = [Recipient(name="Elvin Əliyev", email="Elvin@Example.az")]
    first = run_issue(django_capture_on_commit_callbacks, centre, staff, recipients)
    again = run_issue(django_capture_on_commit_callbacks, centre, staff, [
        Recipient(name="Elvin Əliyev", email="elvin@example.az"),
        Recipient(name="Günel Quliyeva", email="gunel@example.az"),
    ])
    assert Certificate.objects.count() == 2
    assert again.certificate_ids[0] == first.certificate_ids[0]
    assert (again.status, again.rendered, again.emailed) == (CertificateBatch.Status.DONE, 2, 1)
    assert len(mail.outbox) == 2  # Elvin is not e-mailed twice


def test_running_a_finished_batch_again_does_nothing(django_capture_on_commit_callbacks,
                                                      centre, staff):
    from documents.services.certificates import certificate_batch_run

    batch = run_issue(django_capture_on_commit_callbacks, centre, staff,
                      [Recipient(name="A B", email="ab@example.az")])
    assert certificate_batch_run(batch_id=batch.pk) is None
    assert Document.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"title": " "}, "Say what the certificate certifies."),
    ({"signatory_name": ""}, "Name the person who signs the certificates."),
    ({"expires_on": datetime.date(2026, 1, 1)},
     "The expiry date cannot be before the date of issue."),
    ({"recipients": []}, "Add at least one recipient."),
    ({"recipients": [Recipient(name="No Address")]},
     "No Address needs an e-mail address or an account."),
])
def test_bad_issue_requests_store_nothing(centre, staff, en, kwargs, message):
    recipients = kwargs.pop("recipients", [Recipient(name="A B", email="ab@example.az")])
    with pytest.raises(DomainError) as raised:
        issue(centre, staff, recipients, **kwargs)
    assert raised.value.message == message
    assert Certificate.objects.count() == 0
    assert CertificateBatch.objects.count() == 0


def test_failed_batch_is_visible_and_retryable(django_capture_on_commit_callbacks, centre,
                                               staff, settings):
    batch = issue(centre, staff, [Recipient(name="A B", email="ab@example.az")])
    # Break rendering: a template that does not exist.
    from documents.services import certificates as service

    original = dict(service.CERTIFICATE_TEMPLATES)
    service.CERTIFICATE_TEMPLATES[Certificate.Kind.ATTENDANCE] = "missing/template.html"
    try:
        service.certificate_batch_run(batch_id=batch.pk)
    finally:
        service.CERTIFICATE_TEMPLATES.update(original)
    batch.refresh_from_db()
    assert (batch.status, batch.failed, batch.rendered) == (CertificateBatch.Status.FAILED, 1, 0)
    assert "TemplateDoesNotExist" in batch.error

    with django_capture_on_commit_callbacks(execute=True):
        certificate_batch_retry(batch=batch, actor=staff)
    batch.refresh_from_db()
    assert (batch.status, batch.failed, batch.rendered) == (CertificateBatch.Status.DONE, 0, 1)
    assert Document.objects.get().status == Document.Status.READY


# --- the QR code -----------------------------------------------------------------------

def test_qr_code_decodes_to_the_verification_url(django_capture_on_commit_callbacks, centre,
                                                 staff, tmp_path, settings):
    require(shutil.which("pdftoppm") and shutil.which("zbarimg"),
            "pdftoppm and zbarimg (poppler-utils, zbar-tools)")
    settings.SITE_URL = "https://yuva.example.az"
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff,
                      [Recipient(name="Aysel Məmmədova", email="a@example.az")])
    certificate = Certificate.objects.get(pk=batch.certificate_ids[0])
    pdf_path = tmp_path / "certificate.pdf"
    pdf_path.write_bytes(certificate.document.file.open("rb").read())
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf_path),
                    str(tmp_path / "page")], check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")],
                             capture_output=True, text=True, check=True).stdout.split()
    assert decoded == [f"https://yuva.example.az/verify/{certificate.serial}/"]


# --- revoking --------------------------------------------------------------------------

def test_revoke_keeps_the_file_and_history(django_capture_on_commit_callbacks, centre, staff,
                                           en):
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff,
                      [Recipient(name="A B", email="ab@example.az")])
    certificate = Certificate.objects.get(pk=batch.certificate_ids[0])
    sha = certificate.document.sha256

    with pytest.raises(DomainError) as raised:
        certificate_revoke(certificate=certificate, reason="  ", actor=staff)
    assert raised.value.message == "Give the reason for revoking the certificate."

    certificate_revoke(certificate=certificate, reason="Issued to the wrong person",
                       actor=staff)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by == staff
    assert certificate.document.sha256 == sha
    assert certificate.document.status == Document.Status.READY
    assert Document.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="yuva.certificate_revoked").count() == 1

    with pytest.raises(DomainError) as raised:
        certificate_revoke(certificate=certificate, reason="again", actor=staff)
    assert raised.value.message == "This certificate is already revoked."


# --- public verification ---------------------------------------------------------------

@pytest.fixture
def issued(django_capture_on_commit_callbacks, centre, staff):
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff,
                      [Recipient(name="Aysel Məmmədova", email="a@example.az")],
                      expires_on=datetime.date(2030, 1, 1))
    return Certificate.objects.select_related("document").get(pk=batch.certificate_ids[0])


def verify(client, serial, **extra):
    return client.get(reverse("verify:certificate", args=[serial]), **extra)


def text_of(response, element_id):
    from bs4 import BeautifulSoup

    node = BeautifulSoup(response.content, "html.parser").find(id=element_id)
    return " ".join(node.get_text().split()) if node else None


def test_valid_certificate_page(client, issued, en):
    response = verify(client, issued.serial, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert text_of(response, "verdict") == (
        "Valid: this certificate was issued by Yuva and has not been revoked.")
    assert text_of(response, "recipient") == "Aysel Məmmədova"
    assert text_of(response, "title") == "Start-up Fest 2026"
    assert text_of(response, "issued") == "20.11.2026"
    assert text_of(response, "centre") == "İNNOLAND Şəki"
    assert text_of(response, "sha256") == issued.document.sha256


def test_expired_certificate_page(client, issued):
    Certificate.objects.filter(pk=issued.pk).update(expires_on=datetime.date(2026, 11, 21))
    response = verify(client, issued.serial, HTTP_ACCEPT_LANGUAGE="en")
    assert text_of(response, "verdict") == (
        "Expired: this certificate was genuine but was valid only until 21.11.2026.")


def test_revoked_certificate_page_and_json(client, issued, staff):
    certificate_revoke(certificate=issued, reason="Attendance was not confirmed", actor=staff)
    day = timezone.localdate().strftime("%d.%m.%Y")
    response = verify(client, issued.serial, HTTP_ACCEPT_LANGUAGE="en")
    assert text_of(response, "verdict") == (
        f"Revoked on {day}: this certificate is no longer valid.")
    assert "Attendance was not confirmed" in response.content.decode()
    data = client.get(reverse("verify:certificate_json", args=[issued.serial])).json()
    assert data["status"] == "revoked"
    assert data["revocation_reason"] == "Attendance was not confirmed"


def test_json_answer(client, issued):
    response = client.get(reverse("verify:certificate_json", args=[issued.serial]))
    assert response.status_code == 200
    assert response.json() == {
        "serial": issued.serial, "status": "valid", "kind": "attendance",
        "recipient": "Aysel Məmmədova", "title": "Start-up Fest 2026",
        "issued_on": "2026-11-20", "expires_on": "2030-01-01",
        "issuing_centre": "İNNOLAND Şəki", "revoked_at": None, "revocation_reason": None,
        "sha256": issued.document.sha256,
        "verification_url": f"http://127.0.0.1:8000/verify/{issued.serial}/",
    }


def test_unknown_serial(client, en):
    response = verify(client, "YUVA-2345-6789", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "No certificate with the serial number YUVA-2345-6789 was ever issued by Yuva." in (
        " ".join(response.content.decode().split()))
    data = client.get(reverse("verify:certificate_json", args=["YUVA-2345-6789"]))
    assert (data.status_code, json.loads(data.content)) == (
        404, {"serial": "YUVA-2345-6789", "status": "unknown"})


def test_malformed_serial_in_form_and_url(client):
    response = client.get(reverse("verify:form"), {"serial": "YUVA-0000-1111"},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert ("A serial number looks like YUVA-7K3M-Q9PX: the letters YUVA and eight letters or "
            "digits (no 0, 1, I, L, O or U).") in " ".join(response.content.decode().split())
    response = verify(client, "not-a-serial", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "This is not a Yuva serial number." in response.content.decode()


def test_typed_serial_is_normalised_and_redirected(client, issued):
    typed = issued.serial.lower().replace("-", " ")
    response = client.get(reverse("verify:form"), {"serial": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{issued.serial}/"


def test_genuine_and_tampered_files(client, issued):
    genuine = issued.document.file.open("rb").read()
    url = reverse("verify:certificate", args=[issued.serial])
    response = client.post(url, {"file": SimpleUploadedFile("c.pdf", genuine)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert text_of(response, "file-verdict") == (
        "Genuine: this file is exactly the certificate Yuva issued.")
    tampered = genuine.replace(b"Aysel", b"Aysal", 1) if b"Aysel" in genuine else (
        genuine[:-10] + b"%%EOF\n\n\n\n")
    response = client.post(url, {"file": SimpleUploadedFile("c.pdf", tampered)},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert text_of(response, "file-verdict") == (
        "Not genuine: this file differs from the certificate Yuva issued. It may have been "
        "altered.")


def test_non_pdf_and_oversized_uploads_are_refused(client, issued):
    url = reverse("verify:certificate", args=[issued.serial])
    response = client.post(url, {"file": SimpleUploadedFile("c.png", b"\x89PNG\r\n\x1a\n")},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert "This is not a PDF file." in response.content.decode()
    assert text_of(response, "file-verdict") is None
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (50 * 1024 * 1024))
    response = client.post(url, {"file": big}, HTTP_ACCEPT_LANGUAGE="en")
    assert ("This file is larger than 10 MB; a Yuva certificate is much smaller, so it cannot "
            "be the genuine file.") in response.content.decode()
    assert text_of(response, "file-verdict") is None


def test_lookups_are_rate_limited(client, issued):
    from django.core.cache import cache

    cache.clear()
    unknown = [verify(client, f"YUVA-2345-{suffix}").status_code
               for suffix in ("6789", "678A", "678B", "678C", "678D", "678E", "678F")]
    # Each unknown serial costs 5 of the 30 look-ups a minute: the seventh is refused.
    assert unknown == [404, 404, 404, 404, 404, 404, 429]
    assert verify(client, issued.serial).status_code == 429
    json_response = client.get(reverse("verify:certificate_json", args=[issued.serial]))
    assert json_response.status_code == 429
    cache.clear()


def test_recipient_sees_certificate_in_portal(client, django_capture_on_commit_callbacks,
                                              centre, staff):
    user = UserFactory(preferred_language="en")
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff,
                      [Recipient(name=user.full_name, user=user)])
    certificate = Certificate.objects.get(pk=batch.certificate_ids[0])
    client.force_login(user)
    response = client.get("/portal/", HTTP_ACCEPT_LANGUAGE="en")
    assert certificate.serial in response.content.decode()
    download = client.get(reverse("documents:download", args=[certificate.document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == certificate.document.file.open("rb").read()

    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("documents:download",
                              args=[certificate.document.pk])).status_code == 404


def test_certificate_for_an_enterprise(django_capture_on_commit_callbacks, centre, staff):
    enterprise = EnterpriseFactory(name="PulQabı")
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff, [
        Recipient(name="A B", email="ab@example.az", enterprise=enterprise)])
    certificate = Certificate.objects.get(pk=batch.certificate_ids[0])
    assert certificate.enterprise == enterprise
    assert certificate.document.enterprise == enterprise


def test_revoked_certificate_can_be_reissued(django_capture_on_commit_callbacks, centre,
                                             staff):
    recipients = [Recipient(name="Elvin Əliyv", email="elvin@example.az")]
    first = run_issue(django_capture_on_commit_callbacks, centre, staff, recipients)
    old = Certificate.objects.get(pk=first.certificate_ids[0])
    certificate_revoke(certificate=old, reason="Name misspelt", actor=staff)
    second = run_issue(django_capture_on_commit_callbacks, centre, staff,
                       [Recipient(name="Elvin Əliyev", email="elvin@example.az")])
    new = Certificate.objects.get(pk=second.certificate_ids[0])
    assert new.pk != old.pk
    assert new.serial != old.serial
    assert (new.recipient_name, new.status) == ("Elvin Əliyev", Certificate.Status.VALID)
    old.refresh_from_db()
    assert old.status == Certificate.Status.REVOKED


def test_user_text_is_escaped_in_page_and_pdf(client, django_capture_on_commit_callbacks,
                                              centre, staff):
    nasty = "<script>alert(1)</script> {{ settings.SECRET_KEY }}"
    batch = run_issue(django_capture_on_commit_callbacks, centre, staff,
                      [Recipient(name=nasty, email="x@example.az", language="en")],
                      title="<b>Fest</b> {% debug %}")
    certificate = Certificate.objects.get(pk=batch.certificate_ids[0])
    page = verify(client, certificate.serial, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ settings.SECRET_KEY }}" in page
    assert "&lt;b&gt;Fest&lt;/b&gt; {% debug %}" in page
    lines = [line.strip() for line in
             pdf_text(certificate.document.file.open("rb").read()).splitlines()]
    # The name is wide enough to wrap onto two lines, each printed literally.
    start = lines.index("<script>alert(1)</script>")
    assert lines[start:start + 3] == [
        "<script>alert(1)</script>", "{{ settings.SECRET_KEY }}", "<b>Fest</b> {% debug %}"]
