"""Cohorts: enrolling accepted startups, milestone evidence and sign-off, graduation
(every required milestone signed off, or an explicit reason) with certificates in one
batch."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import DomainError
from core.models import Membership
from documents.models import Certificate, CertificateBatch
from programmes.models import Application, Enrolment, MilestoneSubmission
from programmes.services.cohorts import (
    cohort_enrol,
    cohort_graduate,
    milestone_evidence_submit,
    milestone_return,
    milestone_sign_off,
)
from tests.factories.core import MembershipFactory, UserFactory
from tests.factories.programmes import (
    ApplicationFactory,
    CallFactory,
    CohortFactory,
    EnrolmentFactory,
    MilestoneFactory,
    ProgrammeFactory,
    pdf_upload,
    startup_with_founder,
)
from tests.programmes.conftest import (
    admin_messages,
    field_errors,
    login,
    soup,
    stored_files,
    texts,
)

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, preferred_language="en",
                       full_name="Aysel Məmmədova")


@pytest.fixture
def cohort():
    cohort = CohortFactory(name="Autumn cohort", programme=ProgrammeFactory(
        name="INNOLAND Acceleration"))
    MilestoneFactory(cohort=cohort, title="Customer interviews", sort_order=1)
    MilestoneFactory(cohort=cohort, title="First paying customer", sort_order=2)
    MilestoneFactory(cohort=cohort, title="Demo day deck", required=False, sort_order=3)
    return cohort


def milestone(cohort, title):
    return cohort.milestones.get(title=title)


def enrolled(cohort, name, **user_kwargs):
    startup, founder = startup_with_founder(name, **user_kwargs)
    return EnrolmentFactory(cohort=cohort, startup=startup), founder


def sign_off(enrolment, founder, staff, *titles):
    for title in titles:
        submission = milestone_evidence_submit(
            enrolment=enrolment, milestone=milestone(enrolment.cohort, title), actor=founder,
            evidence=f"{title}: done")
        milestone_sign_off(submission=submission, actor=staff)


def test_accepted_applications_are_enrolled_once(cohort, staff):
    call = CallFactory(programme=cohort.programme)
    accepted = ApplicationFactory(call=call, status=S.ACCEPTED)
    enrolment, = cohort_enrol(cohort=cohort, applications=[accepted], actor=staff)
    assert (enrolment.startup, enrolment.application, enrolment.status) == (
        accepted.startup, accepted, "active")
    with pytest.raises(DomainError) as error:
        cohort_enrol(cohort=cohort, applications=[accepted], actor=staff)
    assert error.value.message == f"{accepted.startup} is already enrolled."
    waitlisted = ApplicationFactory(call=call, status=S.WAITLISTED)
    elsewhere = ApplicationFactory(status=S.ACCEPTED)
    for application in (waitlisted, elsewhere):
        with pytest.raises(DomainError) as error:
            cohort_enrol(cohort=cohort, applications=[application], actor=staff)
        assert error.value.message == (f"{application.reference} is not an accepted "
                                       "application to INNOLAND Acceleration.")
    assert Enrolment.objects.count() == 1


def test_evidence_is_submitted_returned_resubmitted_and_signed_off(cohort, staff,
                                                                  private_storage):
    enrolment, founder = enrolled(cohort, "Bulud Kassa")
    target = milestone(cohort, "Customer interviews")
    submission = milestone_evidence_submit(enrolment=enrolment, milestone=target,
                                           actor=founder, evidence="12 interviews",
                                           upload=pdf_upload("interviews.pdf"))
    assert (submission.status, submission.file_name) == ("submitted", "interviews.pdf")
    with pytest.raises(DomainError) as error:
        milestone_return(submission=submission, actor=staff, note=" ")
    assert error.value.message == "Say what is missing, so the startup can complete it."
    milestone_return(submission=submission, actor=staff, note="We asked for 20.")
    submission = milestone_evidence_submit(enrolment=enrolment, milestone=target,
                                           actor=founder, evidence="20 interviews")
    assert (submission.status, submission.evidence, submission.staff_note) == (
        "submitted", "20 interviews", "We asked for 20.")
    milestone_sign_off(submission=submission, actor=staff)
    submission.refresh_from_db()
    assert (submission.status, submission.reviewed_by) == ("signed_off", staff)
    with pytest.raises(DomainError) as error:
        milestone_evidence_submit(enrolment=enrolment, milestone=target, actor=founder,
                                  evidence="more")
    assert error.value.message == "This milestone is already signed off."
    assert MilestoneSubmission.objects.count() == 1


def test_evidence_needs_a_member_text_and_a_real_pdf(cohort, private_storage):
    enrolment, founder = enrolled(cohort, "Bulud Kassa")
    target = milestone(cohort, "Customer interviews")
    with pytest.raises(DomainError) as error:
        milestone_evidence_submit(enrolment=enrolment, milestone=target,
                                  actor=UserFactory(), evidence="x")
    assert error.value.message == "Only the startup's members can submit its evidence."
    with pytest.raises(DomainError) as error:
        milestone_evidence_submit(enrolment=enrolment, milestone=target, actor=founder,
                                  evidence="  ")
    assert error.value.message == "Describe what you achieved."
    with pytest.raises(DomainError) as error:
        milestone_evidence_submit(
            enrolment=enrolment, milestone=target, actor=founder, evidence="Done",
            upload=SimpleUploadedFile("notes.docx", b"PK\x03\x04", "application/pdf"))
    assert error.value.message == "notes.docx is not a PDF file. Upload your document as a PDF."
    assert MilestoneSubmission.objects.count() == 0
    assert stored_files(private_storage) == []


def test_the_founder_submits_evidence_on_the_portal(client, cohort):
    enrolment, founder = enrolled(cohort, "Bulud Kassa")
    target = milestone(cohort, "Customer interviews")
    login(client, founder)
    url = reverse("programmes:cohort", args=[enrolment.pk])
    page = client.get(url)
    assert texts(page, "#milestones-done") == ["0 / 3"]
    response = client.post(reverse("programmes:evidence_submit", args=[enrolment.pk, target.pk]),
                           {f"m{target.pk}-evidence": "", f"m{target.pk}-file": ""})
    assert response.status_code == 400
    assert field_errors(response) == {f"m{target.pk}-evidence": ["This field is required."]}
    response = client.post(reverse("programmes:evidence_submit", args=[enrolment.pk, target.pk]),
                           {f"m{target.pk}-evidence": "15 interviews",
                            f"m{target.pk}-file": pdf_upload("notes.pdf")})
    assert response.status_code == 302
    page = client.get(url)
    section = soup(page).select_one(f"#milestone-{target.pk}")
    assert section.select_one(".status").get_text(strip=True) == "Waiting for sign-off"
    _other, stranger = enrolled(cohort, "Başqa")
    login(client, stranger)
    assert client.get(url).status_code == 404
    submission = MilestoneSubmission.objects.get()
    assert client.get(reverse("programmes:evidence_file",
                              args=[submission.pk])).status_code == 404


def test_graduation_needs_every_required_milestone_signed_off(cohort, staff):
    done, founder = enrolled(cohort, "Bulud Kassa")
    sign_off(done, founder, staff, "Customer interviews", "First paying customer")
    lacking, other = enrolled(cohort, "Kənd Dərsi")
    sign_off(lacking, other, staff, "Customer interviews")
    with pytest.raises(DomainError) as error:
        cohort_graduate(cohort=cohort, enrolments=[done, lacking], actor=staff,
                        issue_certificates=False)
    assert error.value.message == (
        "Nothing was changed: Kənd Dərsi (First paying customer) have not had every "
        "required milestone signed off. Give a reason to graduate them anyway.")
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"active"}
    # The optional milestone is not needed.
    assert cohort_graduate(cohort=cohort, enrolments=[done], actor=staff,
                           issue_certificates=False) is None
    done.refresh_from_db()
    assert (done.status, done.graduated_by, done.graduation_override_reason) == (
        "graduated", staff, "")


def test_an_explicit_reason_graduates_anyway_and_is_kept(cohort, staff):
    lacking, _founder = enrolled(cohort, "Kənd Dərsi")
    cohort_graduate(cohort=cohort, enrolments=[lacking], actor=staff,
                    override_reason="Revenue came through a grant instead.",
                    issue_certificates=False)
    lacking.refresh_from_db()
    assert (lacking.status, lacking.graduation_override_reason) == (
        "graduated", "Revenue came through a grant instead.")
    assert lacking.graduated_at is not None


def test_a_withdrawn_startup_cannot_graduate(cohort, staff):
    enrolment, _founder = enrolled(cohort, "Kənd Dərsi")
    Enrolment.objects.filter(pk=enrolment.pk).update(status="withdrawn")
    with pytest.raises(DomainError) as error:
        cohort_graduate(cohort=cohort, enrolments=[enrolment], actor=staff,
                        override_reason="x", issue_certificates=False)
    assert error.value.message == "A withdrawn startup cannot graduate."


def test_graduation_certificates_go_to_every_member_in_one_batch(cohort, staff):
    first, founder = enrolled(cohort, "Bulud Kassa", full_name="Rəşad Hüseynov",
                              preferred_language="az")
    teammate = UserFactory(full_name="Leyla Nəsirova", preferred_language="ru")
    MembershipFactory(enterprise=first.startup.enterprise, user=teammate,
                      role=Membership.Role.MEMBER)
    second, other = enrolled(cohort, "Kənd Dərsi", full_name="Aysu Kərimova")
    batch = cohort_graduate(cohort=cohort, enrolments=[first, second], actor=staff,
                            override_reason="Strong progress", signatory_name="Aysel Məmmədova",
                            signatory_title="Director")
    assert isinstance(batch, CertificateBatch)
    assert (batch.kind, batch.title, batch.total) == (
        "graduation", "INNOLAND Acceleration — Autumn cohort", 3)
    certificates = Certificate.objects.filter(pk__in=batch.certificate_ids).order_by(
        "recipient_name")
    assert [(c.recipient_name, c.recipient_user, c.enterprise.name, c.language)
            for c in certificates] == [
        ("Aysu Kərimova", other, "Kənd Dərsi", "en"),
        ("Leyla Nəsirova", teammate, "Bulud Kassa", "ru"),
        ("Rəşad Hüseynov", founder, "Bulud Kassa", "az"),
    ]
    assert {c.subject for c in certificates} == {cohort}
    assert {c.centre for c in certificates} == {cohort.programme.centre}
    assert set(Enrolment.objects.values_list("certificate_batch", flat=True)) == {batch.pk}
    # Asking again (already graduated) issues no second certificate.
    again = cohort_graduate(cohort=cohort, enrolments=[first], actor=staff,
                            signatory_name="Aysel Məmmədova")
    assert sorted(again.certificate_ids) == sorted(
        c.pk for c in certificates if c.enterprise.name == "Bulud Kassa")
    assert Certificate.objects.count() == 3


def test_the_graduation_screen(client, cohort, staff):
    done, founder = enrolled(cohort, "Bulud Kassa")
    sign_off(done, founder, staff, "Customer interviews", "First paying customer")
    lacking, _other = enrolled(cohort, "Kənd Dərsi")
    login(client, staff)
    url = reverse("programmes_admin:graduation", args=[cohort.pk])
    page = client.get(url)
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")][1:]
            for tr in soup(page).select("#graduation-table tbody tr")]
    assert rows == [["Bulud Kassa", "Active", "—"],
                    ["Kənd Dərsi", "Active", "Customer interviews, First paying customer"]]
    refused = client.post(url, {"enrolments": [done.pk, lacking.pk],
                                "signatory_name": "Aysel Məmmədova",
                                "issue_certificates": "on"})
    assert refused.status_code == 400
    assert "Give a reason to graduate them anyway." in refused.context["form"].errors[
        "override_reason"][0]
    assert Enrolment.objects.filter(status="graduated").count() == 0
    missing_signatory = client.post(url, {"enrolments": [done.pk], "issue_certificates": "on"})
    assert missing_signatory.context["form"].errors == {
        "signatory_name": ["Name the person who signs the certificates."]}
    response = client.post(url, {"enrolments": [done.pk, lacking.pk],
                                 "override_reason": "Pivoted; milestones no longer apply.",
                                 "signatory_name": "Aysel Məmmədova", "issue_certificates": "on"})
    batch = CertificateBatch.objects.get()
    assert (response.status_code, response.url) == (
        302, reverse("certificates_admin:batch", args=[batch.pk]))
    assert admin_messages(client.get(reverse("programmes_admin:cohort", args=[cohort.pk]))) == [
        "2 startups graduated."]
    assert dict(Enrolment.objects.values_list("startup__enterprise__name",
                                              "graduation_override_reason")) == {
        "Bulud Kassa": "", "Kənd Dərsi": "Pivoted; milestones no longer apply."}


def test_the_cohort_dashboard(client, cohort, staff):
    done, founder = enrolled(cohort, "Bulud Kassa")
    sign_off(done, founder, staff, "Customer interviews")
    waiting = milestone_evidence_submit(enrolment=done,
                                        milestone=milestone(cohort, "First paying customer"),
                                        actor=founder, evidence="An invoice")
    enrolled(cohort, "Kənd Dərsi")
    login(client, staff)
    url = reverse("programmes_admin:cohort", args=[cohort.pk])
    page = client.get(url)
    assert texts(page, "#milestones-done") == ["1 / 6"]
    milestones = [[td.get_text(strip=True) for td in tr.select("td")][3:]
                  for tr in soup(page).select("#milestone-table tbody tr")]
    assert milestones == [["0", "1 / 2"], ["1", "0 / 2"], ["0", "0 / 2"]]
    assert texts(page, f"#evidence-{waiting.pk} h3") == [
        "Bulud Kassa — First paying customer"]
    response = client.post(url, {"action": "sign_off", "submission": waiting.pk, "note": ""})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "signed_off"


def test_startups_of_a_running_cohort_are_asked_for_impact_reports(cohort):
    import datetime

    from wagtail import hooks

    from incubator.services import IMPACT_REPORTING_STARTUPS

    active, _founder = enrolled(cohort, "Bulud Kassa")
    left, _other = enrolled(cohort, "Kənd Dərsi")
    Enrolment.objects.filter(pk=left.pk).update(status="withdrawn")
    this_month = cohort.starts_on.replace(day=1)
    long_before = datetime.date(2001, 1, 1)
    ours = [fn for fn in hooks.get_hooks(IMPACT_REPORTING_STARTUPS)
            if fn.__module__ == "programmes.wagtail_hooks"]
    assert [list(fn(this_month)) for fn in ours] == [[active.startup_id]]
    assert [list(fn(long_before)) for fn in ours] == [[]]


def test_the_portal_home_shows_programmes_and_my_cohort(client, cohort):
    enrolment, founder = enrolled(cohort, "Bulud Kassa")
    CallFactory()
    login(client, founder)
    page = client.get(reverse("core:portal_home"))
    assert texts(page, "#open-calls-link") == ["1 call for applications is open"]
    assert [a["href"] for a in soup(page).select(".panel a")
            if a["href"].startswith("/portal/programmes/cohorts/")] == [
        reverse("programmes:cohort", args=[enrolment.pk])]
