"""Staff screens for certificates: the registry listing (filters, search, export),
issuing one or many, following a batch, downloading its ZIP, revoking."""

import csv
import datetime
import io
import itertools
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.models import Certificate, CertificateBatch, Document
from documents.services.certificates import Recipient, certificate_revoke, certificates_issue
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db

INDEX = "certificates:index"
ADMIN_HOME = "wagtailadmin_home"
ISSUE = "certificates_admin:issue"
ISSUE_BATCH = "certificates_admin:issue_batch"
TODAY = timezone.localdate()
PEOPLE = itertools.count()


@pytest.fixture(autouse=True)
def batch_zip_storage(private_storage, monkeypatch):
    """ZIPs go to the test's own private directory, like the PDFs (see conftest)."""
    monkeypatch.setattr(CertificateBatch._meta.get_field("zip_file"), "storage",
                        private_storage)


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True, preferred_language="en")


def staff_in(group_name):
    user = UserFactory(is_staff=True, preferred_language="en")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def centre():
    return CentreFactory(name="INNOLAND Gəncə")


def issue(centre, names, *, title="Start-up Fest 2026", actor=None, **kwargs):
    """Issue one certificate per name (e-mail from the name) without running the job."""
    fields = {"kind": Certificate.Kind.ATTENDANCE, "signatory_name": "Rəşad Hüseynov",
              "issued_on": datetime.date(2026, 3, 2)}
    fields.update(kwargs)
    batch = certificates_issue(
        title=title, centre=centre, actor=actor,
        recipients=[Recipient(name=name, email=f"{name.lower()}@example.az") for name in names],
        **fields,
    )
    return list(Certificate.objects.filter(pk__in=batch.certificate_ids).order_by("pk"))


def make_mixed(centre, actor, count):
    """`count` certificates: about a third revoked, a third expired, a third valid,
    some with a ready PDF. Returns {status: [serials]}."""
    by_status = {"valid": [], "expired": [], "revoked": []}
    for index in range(count):
        status = ("valid", "expired", "revoked")[index % 3]
        expiry = {"issued_on": datetime.date(2024, 1, 10),
                  "expires_on": datetime.date(2025, 1, 10)} if status == "expired" else {}
        certificate = issue(centre, [f"Person{next(PEOPLE)}"], title=f"Training {index}",
                            **expiry)[0]
        if status == "revoked":
            certificate_revoke(certificate=certificate, reason="Typo in the name", actor=actor)
        if index % 2:
            attach_ready_pdf(certificate)
        by_status[status].append(certificate.serial)
    return by_status


def attach_ready_pdf(certificate):
    document = Document.objects.create(
        kind=Document.Kind.CERTIFICATE, title=certificate.title, language="az",
        status=Document.Status.READY, sha256="0" * 64, size=10,
    )
    Certificate.objects.filter(pk=certificate.pk).update(document=document)


def listed_serials(response):
    return sorted(certificate.serial for certificate in response.context["object_list"])


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response, element_id):
    node = soup(response).find(id=element_id)
    return " ".join(node.get_text(" ").split()) if node else None


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def issue_form_data(centre, **overrides):
    data = {
        "kind": "training", "title": "Mühasibatlıq əsasları", "subject_label": "",
        "description": "", "centre": centre.pk, "signatory_name": "Rəşad Hüseynov",
        "signatory_title": "Direktor", "issued_on": "2026-03-02", "expires_on": "",
        "enterprise": "", "send_emails": "on", "recipient_name": "Aysel Məmmədova",
        "recipient_email": "aysel@example.az", "recipient_user": "", "language": "en",
    }
    data.update(overrides)
    return data


def batch_form_data(centre, recipients="", **overrides):
    data = issue_form_data(centre, recipients=recipients, **overrides)
    for name in ("recipient_name", "recipient_email", "recipient_user", "language"):
        data.pop(name)
    return data


# --- the listing -------------------------------------------------------------------------

def test_listing_shows_exactly_the_issued_serials(client, superuser, centre):
    serials = [c.serial for c in issue(centre, ["Aysel", "Murad", "Nigar"])]
    client.force_login(superuser)

    response = client.get(reverse(INDEX))

    assert response.status_code == 200
    assert listed_serials(response) == sorted(serials)
    content = response.content.decode()
    assert reverse(ISSUE) in content
    assert reverse(ISSUE_BATCH) in content
    assert reverse("certificates:add") not in content


@pytest.mark.parametrize("status", ["valid", "expired", "revoked"])
def test_status_filter_lists_exactly_the_certificates_in_that_state(
        client, superuser, centre, status):
    by_status = make_mixed(centre, superuser, 9)
    client.force_login(superuser)

    response = client.get(reverse(INDEX), {"status": status})

    assert listed_serials(response) == sorted(by_status[status])
    shown = {c.serial: c.current_status for c in response.context["object_list"]}
    assert set(shown.values()) == {status}


def test_search_finds_by_serial_and_by_name(client, superuser, centre):
    aysel, murad = issue(centre, ["Aysel", "Murad"])
    client.force_login(superuser)

    by_serial = client.get(reverse(INDEX), {"q": aysel.serial.lower()})
    by_typed_serial = client.get(reverse(INDEX), {"q": aysel.serial[5:].replace("-", " ")})
    by_name = client.get(reverse(INDEX), {"q": "mura"})

    assert listed_serials(by_serial) == [aysel.serial]
    assert listed_serials(by_typed_serial) == [aysel.serial]
    assert listed_serials(by_name) == [murad.serial]


def test_issue_date_range_and_kind_filters(client, superuser, centre):
    old = issue(centre, ["Old"], title="A", issued_on=datetime.date(2025, 5, 1))[0]
    new = issue(centre, ["New"], title="B", issued_on=datetime.date(2026, 5, 1))[0]
    graduate = issue(centre, ["Grad"], title="C", kind=Certificate.Kind.GRADUATION,
                     issued_on=datetime.date(2026, 6, 1))[0]
    client.force_login(superuser)

    in_2026 = client.get(reverse(INDEX), {"issued_on_from": "2026-01-01",
                                          "issued_on_to": "2026-12-31"})
    graduation = client.get(reverse(INDEX), {"kind": "graduation"})

    assert listed_serials(in_2026) == sorted([new.serial, graduate.serial])
    assert listed_serials(graduation) == [graduate.serial]
    assert old.serial not in in_2026.content.decode()


def test_sorting_by_status(client, superuser, centre):
    by_status = make_mixed(centre, superuser, 3)
    client.force_login(superuser)

    response = client.get(reverse(INDEX), {"ordering": "current_status"})

    assert [c.serial for c in response.context["object_list"]] == [
        by_status["expired"][0], by_status["revoked"][0], by_status["valid"][0]]


def test_csv_export_has_the_exact_header_row(client, superuser, centre):
    certificate = issue(centre, ["Aysel"], subject_label="Fest 2026",
                        expires_on=datetime.date(2030, 1, 1))[0]
    client.force_login(superuser)

    response = client.get(reverse(INDEX), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="certificates.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        ["Serial", "Recipient", "E-mail", "Kind", "What it certifies",
         "Programme, event or training", "Issuing centre", "Date of issue", "Valid until",
         "Status", "Revoked", "Reason for revocation", "Language", "Verification page"],
        [certificate.serial, "Aysel", "aysel@example.az", "Attendance", "Start-up Fest 2026",
         "Fest 2026", "INNOLAND Gəncə", "2026-03-02", "2030-01-01", "Valid", "", "", "az",
         f"http://127.0.0.1:8000/verify/{certificate.serial}/"],
    ]


def test_xlsx_export_is_a_workbook(client, superuser, centre):
    issue(centre, ["Aysel"])
    client.force_login(superuser)

    response = client.get(reverse(INDEX), {"export": "xlsx"})

    assert response["Content-Disposition"] == 'attachment; filename="certificates.xlsx"'
    assert b"".join(response.streaming_content)[:2] == b"PK"


@pytest.mark.parametrize("who", ["superuser", "Event managers"])
def test_listing_query_count_does_not_grow_with_the_rows(client, superuser, centre, who):
    client.force_login(superuser if who == "superuser" else staff_in(who))
    make_mixed(centre, superuser, 1)  # one valid certificate without a PDF
    client.get(reverse(INDEX))  # warm the per-process caches (content types, sites)

    with CaptureQueriesContext(connection) as one:
        first = client.get(reverse(INDEX))
    make_mixed(centre, superuser, 9)
    with CaptureQueriesContext(connection) as ten:
        second = client.get(reverse(INDEX))

    assert (len(first.context["object_list"]), len(second.context["object_list"])) == (1, 10)
    assert len(ten) == len(one)


def test_certificates_cannot_be_added_edited_copied_or_deleted_even_by_a_superuser(
        client, superuser, centre):
    certificate = issue(centre, ["Aysel"])[0]
    client.force_login(superuser)
    closed = [reverse("certificates:add"),
              reverse("certificates:edit", args=[certificate.pk]),
              reverse("certificates:delete", args=[certificate.pk]),
              reverse("certificate_batches:add"),
              reverse("certificate_batches:delete", args=[certificate.batch_id])]

    responses = [client.get(url) for url in closed] + [
        client.post(url, {"title": "Typed in"}) for url in closed]

    assert [(r.status_code, r.url) for r in responses] == [(302, reverse(ADMIN_HOME))] * 10
    assert list(Certificate.objects.values_list("serial", "title")) == [
        (certificate.serial, "Start-up Fest 2026")]
    assert CertificateBatch.objects.count() == 1


def test_inspect_shows_the_fields_and_the_header_buttons(client, superuser, centre):
    certificate = issue(centre, ["Aysel"])[0]
    attach_ready_pdf(certificate)
    client.force_login(superuser)

    response = client.get(reverse("certificates:inspect", args=[certificate.pk]))

    assert response.status_code == 200
    fields = {f["label"]: str(f["value"]) for f in response.context["fields"]}
    assert (fields["Serial"], fields["Status"], fields["Kind"]) == (
        certificate.serial, "Valid", "Attendance")
    hrefs = {a.get_text(strip=True): a["href"] for a in soup(response).select("header a")}
    assert hrefs["Download PDF"] == reverse("certificates_admin:download",
                                            args=[certificate.pk])
    assert hrefs["Revoke"] == reverse("certificates_admin:revoke", args=[certificate.pk])
    assert hrefs["Verification page"] == f"/verify/{certificate.serial}/"


# --- issuing one -------------------------------------------------------------------------

def test_single_issue_makes_one_certificate_and_one_batch_and_ends_done(
        client, superuser, centre, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse(ISSUE), issue_form_data(centre))

    certificate = Certificate.objects.get()
    batch = CertificateBatch.objects.get()
    assert len(callbacks) == 1
    assert (response.status_code, response.url) == (
        302, reverse("certificates_admin:batch", args=[batch.pk]))
    assert (certificate.recipient_name, certificate.recipient_email, certificate.language,
            certificate.kind, certificate.issued_by, certificate.batch) == (
        "Aysel Məmmədova", "aysel@example.az", "en", "training", superuser, batch)
    assert [m.to for m in mailoutbox] == [["aysel@example.az"]]

    progress = client.get(response.url)
    assert text_of(progress, "batch-status") == "Done"
    assert messages_of(progress) == [
        f"Certificate {certificate.serial} was issued to Aysel Məmmədova."]
    assert [a.get_text(strip=True) for a in soup(progress).select("#batch-certificates td a")
            ] == [certificate.serial, "Download PDF"]
    assert progress.context["polling"] is False
    assert 'hx-trigger' not in progress.content.decode()

    download = client.get(reverse("certificates_admin:batch_zip", args=[batch.pk]))
    assert download["Content-Type"] == "application/zip"
    body = b"".join(download.streaming_content)
    download.close()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist() == [f"{certificate.serial}.pdf"]
        assert archive.read(f"{certificate.serial}.pdf")[:5] == b"%PDF-"


def test_issuing_the_same_person_again_returns_the_existing_certificate(
        client, superuser, centre, django_capture_on_commit_callbacks):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(ISSUE), issue_form_data(centre), follow=True)
    first = Certificate.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(ISSUE), issue_form_data(
            centre, recipient_email="AYSEL@example.az"), follow=True)

    assert Certificate.objects.count() == 1
    assert CertificateBatch.objects.count() == 2
    assert response.context["batch"].certificate_ids == [first.pk]
    assert messages_of(response) == [
        f"Aysel Məmmədova already holds certificate {first.serial} for this; "
        "no second one was issued."]


def test_issuing_again_after_a_revocation_issues_a_new_certificate(
        client, superuser, centre):
    revoked = issue(centre, ["Aysel"], title="Mühasibatlıq əsasları",
                    kind=Certificate.Kind.TRAINING)[0]
    certificate_revoke(certificate=revoked, reason="Typo", actor=superuser)
    client.force_login(superuser)

    response = client.post(reverse(ISSUE), issue_form_data(
        centre, recipient_name="Aysel", recipient_email="aysel@example.az"), follow=True)

    assert Certificate.objects.count() == 2
    new = Certificate.objects.exclude(pk=revoked.pk).get()
    assert messages_of(response) == [f"Certificate {new.serial} was issued to Aysel."]


def test_issue_to_an_account_prints_its_name_and_uses_its_address(client, superuser, centre):
    person = UserFactory(full_name="Kamran Quliyev", email="kamran@example.az",
                         preferred_language="ru")
    client.force_login(superuser)

    response = client.post(reverse(ISSUE), issue_form_data(
        centre, recipient_name="", recipient_email="", recipient_user=person.pk, language=""))

    assert response.status_code == 302
    assert list(Certificate.objects.values_list(
        "recipient_name", "recipient_email", "recipient_user", "recipient_key", "language",
    )) == [("Kamran Quliyev", "kamran@example.az", person.pk, f"user:{person.pk}", "ru")]


def test_domain_errors_are_shown_on_the_fields_they_name(client, superuser, centre):
    client.force_login(superuser)

    late = client.post(reverse(ISSUE), issue_form_data(centre, expires_on="2026-01-01"))
    no_address = client.post(reverse(ISSUE), issue_form_data(centre, recipient_email=""))

    assert late.context["form"].errors == {
        "expires_on": ["The expiry date cannot be before the date of issue."]}
    assert no_address.context["form"].errors == {
        "recipient_email": ["Aysel Məmmədova needs an e-mail address or an account."]}
    assert "The expiry date cannot be before the date of issue." in late.content.decode()
    assert messages_of(late) == ["Nothing was issued. Please correct the errors below."]
    assert (Certificate.objects.count(), CertificateBatch.objects.count()) == (0, 0)


def test_issue_form_renders_for_an_event_manager(client):
    client.force_login(staff_in("Event managers"))

    response = client.get(reverse(ISSUE))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "documents/admin/certificates/issue.html"
    names = [f.name for f in response.context["form"]]
    assert names == [
        "kind", "title", "subject_label", "description", "centre", "signatory_name",
        "signatory_title", "issued_on", "expires_on", "recipient_name", "recipient_email",
        "recipient_user", "language", "enterprise", "send_emails",
    ]
    assert soup(response).find("form", id="w-editor-form")["action"] == reverse(ISSUE)


# --- issuing to many ---------------------------------------------------------------------

def test_batch_issue_from_lines(client, superuser, centre, django_capture_on_commit_callbacks):
    client.force_login(superuser)
    lines = ("Aysel Məmmədova; aysel@example.az; en\n"
             "\n"
             "Murad Əliyev; murad@example.az\n"
             "Нигяр Гасанова; nigar@example.az; RU\n")

    with django_capture_on_commit_callbacks(execute=True):
        issued = client.post(reverse(ISSUE_BATCH),
                             batch_form_data(centre, lines, send_emails=""))
    response = client.get(issued.url)

    batch = CertificateBatch.objects.get()
    assert issued.url == reverse("certificates_admin:batch", args=[batch.pk])
    assert list(Certificate.objects.order_by("pk").values_list(
        "recipient_name", "recipient_email", "language")) == [
        ("Aysel Məmmədova", "aysel@example.az", "en"),
        ("Murad Əliyev", "murad@example.az", "az"),
        ("Нигяр Гасанова", "nigar@example.az", "ru"),
    ]
    assert (batch.status, batch.total, batch.rendered, batch.emailed) == ("done", 3, 3, 0)
    assert messages_of(response) == ["3 certificates in this batch, 3 of them new."]
    assert text_of(response, "batch-counts") == (
        "PDFs made 3 of 3 E-mailed 0 of 3 Failed 0 of 3")


def test_a_bad_line_creates_nothing_and_each_bad_line_is_named(client, superuser, centre):
    client.force_login(superuser)
    lines = ("Aysel Məmmədova; aysel@example.az\n"
             "Murad Əliyev; murad@example.az; az\n"
             "Nigar Həsənova; nigar-at-example.az\n"
             "; nobody@example.az\n"
             "Kamran; kamran@example.az; de\n"
             "Aysel again; AYSEL@example.az\n"
             "Too; many@example.az; az; parts\n"
             "Elvin, elvin@example.az\n"
             "Günel\n")

    response = client.post(reverse(ISSUE_BATCH), batch_form_data(centre, lines))

    assert response.status_code == 200
    assert response.context["form"].errors == {"recipients": [
        "Line 3: “nigar-at-example.az” is not an e-mail address.",
        "Line 4: the name is missing.",
        "Line 5: “de” is not a language of certificates (az, en, ru).",
        "Line 6: AYSEL@example.az is already on line 1.",
        "Line 7: expected “Name; e-mail; language” but found 4 parts.",
        "Line 8: separate the name, the e-mail address and the language with “;”.",
        "Line 9: the e-mail address of Günel is missing.",
    ]}
    assert (Certificate.objects.count(), CertificateBatch.objects.count()) == (0, 0)


def test_an_empty_batch_is_refused_with_the_services_message(client, superuser, centre):
    client.force_login(superuser)

    response = client.post(reverse(ISSUE_BATCH), batch_form_data(centre, "\n  \n"))

    assert response.context["form"].errors == {"recipients": ["Add at least one recipient."]}
    assert CertificateBatch.objects.count() == 0


def csv_upload(content, name="people.csv", content_type="text/csv"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("header", ["Name,E-mail,Language", "Ad,E-poçt ünvanı,Dil"])
def test_csv_upload_with_a_bom_and_a_header_row(client, superuser, centre, header):
    client.force_login(superuser)
    content = (f"{header}\r\n"
               "Aysel Məmmədova,aysel@example.az,en\r\n"
               "\"Əliyev, Murad\",murad@example.az,\r\n").encode("utf-8-sig")

    response = client.post(reverse(ISSUE_BATCH), {
        **batch_form_data(centre, "Nigar; nigar@example.az; ru"),
        "recipients_file": csv_upload(content),
    })

    assert response.status_code == 302
    assert list(Certificate.objects.order_by("pk").values_list(
        "recipient_name", "recipient_email", "language")) == [
        ("Nigar", "nigar@example.az", "ru"),
        ("Aysel Məmmədova", "aysel@example.az", "en"),
        ("Əliyev, Murad", "murad@example.az", "az"),
    ]


def test_csv_with_semicolons_and_a_bad_row(client, superuser, centre):
    client.force_login(superuser)
    content = b"Aysel;aysel@example.az;en\nMurad;murad@;az\n"

    response = client.post(reverse(ISSUE_BATCH), {
        **batch_form_data(centre), "recipients_file": csv_upload(content)})

    assert response.context["form"].errors == {
        "recipients_file": ["Line 2: “murad@” is not an e-mail address."]}
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("people.xlsx", b"PK\x03\x04 not a csv",
     "“people.xlsx” is not a CSV file. Save the list as “CSV UTF-8” and upload that."),
    ("people.csv", "Aysel;aysel@example.az".encode("utf-16"),
     "“people.csv” is not a CSV text file in UTF-8. Save the list as “CSV UTF-8” and "
     "upload it again."),
    ("people.csv", b"Aysel;aysel@example.az;az\n" * 45000,
     "The file is larger than 1 MB. Split the list into smaller files."),
])
def test_other_uploads_are_refused(client, superuser, centre, name, content, message):
    client.force_login(superuser)

    response = client.post(reverse(ISSUE_BATCH), {
        **batch_form_data(centre), "recipients_file": csv_upload(content, name)})

    assert response.context["form"].errors == {"recipients_file": [message]}
    assert (Certificate.objects.count(), CertificateBatch.objects.count()) == (0, 0)


# --- following a batch -------------------------------------------------------------------

def test_htmx_gets_only_the_progress_part_while_the_batch_runs(client, superuser, centre):
    issue(centre, ["Aysel", "Murad"], actor=superuser)
    batch = CertificateBatch.objects.get()
    client.force_login(superuser)
    url = reverse("certificates_admin:batch", args=[batch.pk])

    partial = client.get(url, HTTP_HX_REQUEST="true")
    page = client.get(url)

    content = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in content
    section = soup(partial).find("section")
    assert (section["id"], section["hx-get"], section["hx-trigger"]) == (
        "batch-progress", url, "every 1s")
    assert text_of(partial, "batch-status") == "Queued"
    assert soup(partial).find("progress")["value"] == "0"
    assert "<html" in page.content.decode()
    assert soup(page).select_one("#batch-progress")["hx-trigger"] == "every 1s"
    assert 'src="/static/django_htmx/htmx-2.min.js"' in page.content.decode()


def test_htmx_poll_of_a_finished_batch_reloads_the_page(client, superuser, centre):
    issue(centre, ["Aysel"])
    batch = CertificateBatch.objects.get()
    CertificateBatch.objects.filter(pk=batch.pk).update(status="done")
    client.force_login(superuser)

    response = client.get(reverse("certificates_admin:batch", args=[batch.pk]),
                          HTTP_HX_REQUEST="true")

    assert (response.status_code, response["HX-Refresh"]) == (200, "true")


def test_failed_batch_shows_the_error_and_retry_finishes_it(
        client, superuser, centre, django_capture_on_commit_callbacks):
    issue(centre, ["Aysel"])
    batch = CertificateBatch.objects.get()
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status="failed", failed=1, error="YUVA-XXXX-XXXX: OSError: disk full")
    client.force_login(superuser)
    url = reverse("certificates_admin:batch", args=[batch.pk])

    page = client.get(url)
    no_zip = client.get(reverse("certificates_admin:batch_zip", args=[batch.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(reverse("certificates_admin:batch_retry", args=[batch.pk]))
    response = client.get(retried.url)

    assert text_of(page, "batch-status") == "Failed"
    assert text_of(page, "batch-error") == "YUVA-XXXX-XXXX: OSError: disk full"
    assert soup(page).select_one("#batch-progress form")["action"] == reverse(
        "certificates_admin:batch_retry", args=[batch.pk])
    assert no_zip.status_code == 404
    assert (retried.status_code, retried.url) == (302, url)
    assert messages_of(response) == ["The batch was queued again."]
    assert text_of(response, "batch-status") == "Done"


def test_retrying_a_batch_that_did_not_fail_says_so(client, superuser, centre):
    issue(centre, ["Aysel"])
    batch = CertificateBatch.objects.get()
    client.force_login(superuser)

    response = client.post(reverse("certificates_admin:batch_retry", args=[batch.pk]),
                           follow=True)

    assert messages_of(response) == ["Only a failed batch can be retried."]
    batch.refresh_from_db()
    assert batch.status == "queued"


def test_batches_listing_links_to_the_progress_pages(client, superuser, centre):
    issue(centre, ["Aysel"], title="First")
    issue(centre, ["Murad"], title="Second")
    client.force_login(superuser)

    response = client.get(reverse("certificate_batches:index"))

    batches = list(CertificateBatch.objects.order_by("pk"))
    assert [b.title for b in response.context["object_list"]] == ["Second", "First"]
    links = {a.get_text(strip=True): a["href"] for a in soup(response).select("td a")}
    assert links["First"] == reverse("certificates_admin:batch", args=[batches[0].pk])


# --- revoking ----------------------------------------------------------------------------

def test_revoke_get_shows_the_confirmation(client, superuser, centre):
    certificate = issue(centre, ["Aysel"])[0]
    client.force_login(superuser)

    response = client.get(reverse("certificates_admin:revoke", args=[certificate.pk]))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "documents/admin/certificates/revoke.html"
    textarea = soup(response).find("textarea", attrs={"name": "reason"})
    assert textarea.has_attr("required")


def test_revoke_without_a_reason_is_refused(client, superuser, centre):
    certificate = issue(centre, ["Aysel"])[0]
    client.force_login(superuser)

    response = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]),
                           {"reason": "   "})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reason": ["Give the reason for revoking the certificate."]}
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoke_with_a_reason_and_the_verification_page_says_revoked(
        client, superuser, centre):
    certificate = issue(centre, ["Aysel"])[0]
    client.force_login(superuser)
    cache.clear()  # the verification page's rate limit counts in the cache

    response = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]),
                           {"reason": "Did not attend"}, follow=True)

    inspect_url = reverse("certificates:inspect", args=[certificate.pk])
    assert response.redirect_chain == [(inspect_url, 302)]
    assert messages_of(response) == [f"Certificate {certificate.serial} was revoked."]
    certificate.refresh_from_db()
    assert (certificate.revoked_reason, certificate.revoked_by) == ("Did not attend", superuser)
    hrefs = [a["href"] for a in soup(response).select("header a")]
    assert reverse("certificates_admin:revoke", args=[certificate.pk]) not in hrefs
    verification = client.get(reverse("verify:certificate", args=[certificate.serial]),
                              HTTP_ACCEPT_LANGUAGE="en")
    assert text_of(verification, "verdict") == (
        f"Revoked on {TODAY:%d.%m.%Y}: this certificate is no longer valid.")


def test_revoking_twice_says_it_is_already_revoked(client, superuser, centre):
    certificate = issue(centre, ["Aysel"])[0]
    certificate_revoke(certificate=certificate, reason="Typo", actor=superuser)
    client.force_login(superuser)
    url = reverse("certificates_admin:revoke", args=[certificate.pk])

    page = client.get(url)
    response = client.post(url, {"reason": "Again"})

    assert text_of(page, "already-revoked") == (
        f"This certificate was revoked on {TODAY:%d.%m.%Y}: Typo")
    assert page.context["form"].is_bound is False
    assert response.context["form"].errors == {
        "__all__": ["This certificate is already revoked."]}
    assert "This certificate is already revoked." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Typo"


# --- who may do what ---------------------------------------------------------------------

def test_event_manager_may_list_issue_and_revoke(
        client, centre, django_capture_on_commit_callbacks):
    manager = staff_in("Event managers")
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        issued = client.post(reverse(ISSUE), issue_form_data(centre))
    certificate = Certificate.objects.get()
    listing = client.get(reverse(INDEX))
    batches = client.get(reverse("certificate_batches:index"))
    progress = client.get(issued.url)
    revoked = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]),
                          {"reason": "Wrong event"})

    assert listed_serials(listing) == [certificate.serial]
    assert reverse("certificates_admin:revoke", args=[certificate.pk]) in (
        listing.content.decode())
    assert [b.pk for b in batches.context["object_list"]] == [certificate.batch_id]
    assert text_of(progress, "batch-status") == "Done"
    assert (revoked.status_code, revoked.url) == (
        302, reverse("certificates:inspect", args=[certificate.pk]))
    certificate.refresh_from_db()
    assert (certificate.issued_by, certificate.revoked_by) == (manager, manager)


def test_abad_adviser_may_issue_but_not_revoke(client, centre):
    certificate = issue(centre, ["Aysel"])[0]
    client.force_login(staff_in("ABAD advisers"))

    listing = client.get(reverse(INDEX))
    inspect = client.get(reverse("certificates:inspect", args=[certificate.pk]))
    revoke = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]),
                         {"reason": "No"})

    assert listed_serials(listing) == [certificate.serial]
    assert reverse(ISSUE) in listing.content.decode()
    assert reverse("certificates_admin:revoke", args=[certificate.pk]) not in (
        listing.content.decode() + inspect.content.decode())
    assert (revoke.status_code, revoke.url) == (302, reverse(ADMIN_HOME))
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_factory_technician_is_turned_away_everywhere(
        client, centre, django_capture_on_commit_callbacks):
    certificate = issue(centre, ["Aysel"])[0]
    attach_ready_pdf(certificate)
    batch_pk = certificate.batch_id
    client.force_login(staff_in("Factory technicians"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        responses = [
            client.get(reverse(INDEX)),
            client.get(reverse("certificates:inspect", args=[certificate.pk])),
            client.get(reverse("certificate_batches:index")),
            client.get(reverse(ISSUE)),
            client.post(reverse(ISSUE), issue_form_data(centre)),
            client.get(reverse(ISSUE_BATCH)),
            client.get(reverse("certificates_admin:batch", args=[batch_pk])),
            client.get(reverse("certificates_admin:batch_zip", args=[batch_pk])),
            client.post(reverse("certificates_admin:batch_retry", args=[batch_pk])),
            client.get(reverse("certificates_admin:download", args=[certificate.pk])),
            client.post(reverse("certificates_admin:revoke", args=[certificate.pk]),
                        {"reason": "No"}),
        ]

    # Wagtail turns a permission error into a message and a redirect to the dashboard.
    assert [(r.status_code, r.url) for r in responses] == [(302, reverse(ADMIN_HOME))] * 11
    assert callbacks == []
    assert Certificate.objects.count() == 1
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert reverse(INDEX) not in client.get(reverse(ADMIN_HOME)).content.decode()


def test_the_menu_offers_certificates_and_batches_to_those_who_may_see_them(client):
    client.force_login(staff_in("Event managers"))

    menu = client.get(reverse(ADMIN_HOME)).content.decode()

    assert (reverse(INDEX) in menu, reverse("certificate_batches:index") in menu) == (
        True, True)


def test_portal_user_is_sent_to_the_login(client, centre):
    client.force_login(UserFactory())

    response = client.get(reverse(ISSUE))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
