"""Applications: drafts, answers and uploads, the deadline, status transitions and their
log, one application per startup and call; the founder's portal pages."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from programmes.models import Answer, Application, ApplicationStatusChange, Question
from programmes.services.applications import (
    application_create,
    application_save_and_submit,
    application_save_answers,
    application_submit,
    application_transition,
    application_withdraw,
    applications_transition,
)
from tests.factories.core import UserFactory
from tests.factories.programmes import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
    pdf_upload,
    startup_with_founder,
)
from tests.programmes.conftest import (
    field_errors,
    login,
    messages_text,
    queries_of,
    soup,
    stored_files,
    texts,
)

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def call():
    call = CallFactory(title="Spring intake")
    QuestionFactory(call=call, label="Problem", kind=Question.Kind.LONG_TEXT, sort_order=1)
    QuestionFactory(call=call, label="Users", kind=Question.Kind.NUMBER, required=False,
                    sort_order=2)
    QuestionFactory(call=call, label="Stage", kind=Question.Kind.CHOICE,
                    choices="Idea\nMVP\nRevenue", sort_order=3)
    QuestionFactory(call=call, label="Pitch deck", kind=Question.Kind.FILE, sort_order=4)
    return call


def q(call, label):
    return call.questions.get(label=label)


@pytest.fixture
def applicant():
    return startup_with_founder("Bulud Kassa", email="founder@example.az",
                                full_name="Rəşad Hüseynov")


def complete_answers(call):
    return ({q(call, "Problem").pk: "Cash only markets", q(call, "Users").pk: "120",
             q(call, "Stage").pk: "MVP"},
            {q(call, "Pitch deck").pk: pdf_upload()})


def test_a_draft_is_saved_and_submitted_with_every_change_logged(call, applicant):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    values, files = complete_answers(call)
    application_save_answers(application=application, actor=founder, values=values,
                             files=files)
    application_submit(application=application, actor=founder)

    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submitted_at is not None
    answers = {a.question.label: a for a in application.answers.select_related("question")}
    assert answers["Problem"].text == "Cash only markets"
    assert str(answers["Users"].number) == "120.00"
    assert answers["Stage"].text == "MVP"
    assert answers["Pitch deck"].file_name == "pitch-deck.pdf"
    assert answers["Pitch deck"].file.read(5) == b"%PDF-"
    # Stored under a name that says nothing, on the private storage.
    assert answers["Pitch deck"].file.name.startswith(
        f"programmes/applications/{application.pk}/")
    assert "pitch-deck" not in answers["Pitch deck"].file.name
    log = list(application.status_changes.values_list("from_status", "to_status",
                                                      "changed_by"))
    assert log == [("", "draft", founder.pk), ("draft", "submitted", founder.pk)]


def test_a_late_submission_is_refused_with_the_deadline_in_the_message(call, applicant):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    values, files = complete_answers(call)
    application_save_answers(application=application, actor=founder, values=values,
                             files=files)
    call.closes_at = timezone.make_aware(datetime.datetime(2026, 3, 1, 18, 0))
    call.opens_at = call.closes_at - datetime.timedelta(days=30)
    call.save()
    late = call.closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(DomainError) as error:
        application_submit(application=application, actor=founder, now=late)
    assert error.value.message == ("The call closed on 01.03.2026 18:00 (Baku time); late "
                                   "submissions are not accepted.")
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert application.status_changes.count() == 1
    # One second before the deadline it still goes through.
    application_submit(application=application, actor=founder,
                       now=call.closes_at - datetime.timedelta(seconds=1))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_the_portal_refuses_a_late_submission_and_says_why(client, call, applicant):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    call.opens_at = timezone.now() - datetime.timedelta(days=10)
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    login(client, founder)
    response = client.post(reverse("programmes:application", args=[application.pk]),
                           {"action": "submit"})
    assert response.status_code == 302
    assert messages_text(client.get(response.url)) == [
        "This application can no longer be changed."]
    page = client.get(reverse("programmes:application", args=[application.pk]))
    assert texts(page, ".verdict") == [
        "The call is closed: this draft can no longer be submitted."]
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_a_missing_required_answer_refuses_submission_and_saves_nothing(call, applicant,
                                                                       private_storage):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    values = {q(call, "Problem").pk: "Cash only markets", q(call, "Stage").pk: ""}
    with pytest.raises(DomainError) as error:
        application_save_and_submit(application=application, actor=founder, values=values,
                                    files={q(call, "Pitch deck").pk: pdf_upload()})
    assert error.value.message == ("Answer every required question before submitting: "
                                   "Stage.")
    assert Answer.objects.filter(application=application).count() == 0
    assert stored_files(private_storage) == []  # the pitch deck was not kept either
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_the_portal_shows_the_missing_answer_beside_its_question(client, call, applicant,
                                                                 private_storage):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    login(client, founder)
    response = client.post(reverse("programmes:application", args=[application.pk]), {
        "action": "submit", f"q_{q(call, 'Problem').pk}": "Cash only markets",
        f"q_{q(call, 'Stage').pk}": "MVP", f"q_{q(call, 'Pitch deck').pk}": pdf_upload(),
        f"q_{q(call, 'Users').pk}": "",
    })
    # Every required question answered: it goes through.
    assert response.status_code == 302
    assert messages_text(client.get(response.url)) == ["Your application was submitted."]
    application.refresh_from_db()
    assert application.status == S.SUBMITTED

    other_startup, other = startup_with_founder("Kənd Dərsi")
    second = application_create(call=call, startup=other_startup, actor=other)
    login(client, other)
    response = client.post(reverse("programmes:application", args=[second.pk]), {
        "action": "submit", f"q_{q(call, 'Problem').pk}": "Rural schools",
        f"q_{q(call, 'Stage').pk}": "Idea",
    })
    assert response.status_code == 400
    assert field_errors(response) == {f"q_{q(call, 'Pitch deck').pk}": [
        "Answer every required question before submitting: Pitch deck."]}
    assert messages_text(response) == ["Nothing was saved. Please correct the errors below."]
    assert Answer.objects.filter(application=second).count() == 0
    # The typed answers are shown back.
    stage = soup(response).select_one(f'select[name="q_{q(call, "Stage").pk}"] '
                                      'option[selected]')
    assert stage["value"] == "Idea"


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("deck.pdf", b"PK\x03\x04 this is a zip", "application/pdf"),
     "deck.pdf is not a PDF file. Upload your document as a PDF."),
    (SimpleUploadedFile("deck.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
     "deck.png is not a PDF file. Upload your document as a PDF."),
    (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf"),
     "big.pdf is too large: files may be at most 10.0\xa0MB."),
])
def test_a_wrong_or_oversized_file_is_refused_and_nothing_is_saved(
        client, call, applicant, private_storage, upload, message):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    login(client, founder)
    response = client.post(reverse("programmes:application", args=[application.pk]), {
        "action": "save", f"q_{q(call, 'Problem').pk}": "Cash only markets",
        f"q_{q(call, 'Pitch deck').pk}": upload,
    })
    assert response.status_code == 400
    assert field_errors(response) == {f"q_{q(call, 'Pitch deck').pk}": [message]}
    assert Answer.objects.filter(application=application).count() == 0
    assert stored_files(private_storage) == []


def test_the_service_checks_the_file_by_content_too(call, applicant, private_storage):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    fake = SimpleUploadedFile("deck.pdf", b"<html>not a pdf</html>", "application/pdf")
    with pytest.raises(DomainError) as error:
        application_save_answers(application=application, actor=founder,
                                 values={q(call, "Problem").pk: "Text"},
                                 files={q(call, "Pitch deck").pk: fake})
    assert error.value.message == "deck.pdf is not a PDF file. Upload your document as a PDF."
    assert error.value.field == f"q_{q(call, 'Pitch deck').pk}"
    assert Answer.objects.filter(application=application).count() == 0
    assert stored_files(private_storage) == []


def test_a_wrong_choice_or_number_is_refused(call, applicant):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    with pytest.raises(DomainError) as error:
        application_save_answers(application=application, actor=founder,
                                 values={q(call, "Stage").pk: "Unicorn"})
    assert error.value.message == "Choose one of the options."
    with pytest.raises(DomainError) as error:
        application_save_answers(application=application, actor=founder,
                                 values={q(call, "Users").pk: "many"})
    assert error.value.message == "Enter a number."
    assert Answer.objects.filter(application=application).count() == 0


def test_a_second_application_for_the_same_call_is_refused(call, applicant):
    startup, founder = applicant
    application_create(call=call, startup=startup, actor=founder)
    with pytest.raises(DomainError) as error:
        application_create(call=call, startup=startup, actor=founder)
    assert error.value.message == ("Your startup has already applied to this call. Open "
                                   "that application instead of starting a second one.")
    assert Application.objects.filter(call=call, startup=startup).count() == 1
    # The database holds the rule on its own too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(call=call, startup=startup)


def test_the_apply_form_says_so_for_a_second_application(client, call, applicant):
    startup, founder = applicant
    application_create(call=call, startup=startup, actor=founder)
    login(client, founder)
    # The startup that already applied is not offered again; forcing it is refused.
    response = client.post(reverse("programmes:call", args=[call.pk]),
                           {"startup": startup.pk})
    assert response.status_code == 400
    assert field_errors(response) == {"startup": [
        "Select a valid choice. That choice is not one of the available choices."]}
    assert Application.objects.filter(call=call).count() == 1


def test_only_a_member_applies_for_a_startup(call, applicant):
    startup, _founder = applicant
    stranger = UserFactory()
    with pytest.raises(DomainError) as error:
        application_create(call=call, startup=startup, actor=stranger)
    assert error.value.message == "You can only apply for a startup you are a member of."


def test_a_founder_without_a_startup_creates_one_while_applying(client, call):
    founder = UserFactory(preferred_language="en", full_name="Aysu Kərimova")
    login(client, founder)
    response = client.post(reverse("programmes:call", args=[call.pk]), {
        "startup": "", "new_name": "Aqro Sensor", "new_sector": "agritech",
        "new_region": "sheki"})
    application = Application.objects.get(call=call)
    assert response.status_code == 302
    assert response.url == reverse("programmes:application", args=[application.pk])
    enterprise = application.startup.enterprise
    assert (enterprise.name, enterprise.kind, enterprise.sector, enterprise.region,
            enterprise.centre_id) == ("Aqro Sensor", "startup", "agritech", "sheki",
                                      call.programme.centre_id)
    assert list(enterprise.memberships.values_list("user_id", "role")) == [
        (founder.pk, "owner")]
    assert application.status == S.DRAFT


def test_the_new_startup_needs_its_fields(client, call):
    login(client, UserFactory(preferred_language="en"))
    response = client.post(reverse("programmes:call", args=[call.pk]), {"startup": ""})
    assert response.status_code == 400
    assert field_errors(response) == {
        "new_name": ["Needed for a new startup."], "new_sector": ["Needed for a new startup."],
        "new_region": ["Needed for a new startup."]}
    assert Application.objects.count() == 0


# --- status transitions ------------------------------------------------------------------

def test_staff_move_an_application_through_review_and_each_step_is_logged(call, applicant):
    startup, founder = applicant
    staff = UserFactory(is_staff=True, full_name="Aysel Məmmədova")
    application = ApplicationFactory(call=call, startup=startup, status=S.SUBMITTED)
    for status in (S.SCREENING, S.IN_REVIEW, S.INTERVIEW, S.ACCEPTED):
        application_transition(application=application, to_status=status, actor=staff)
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert application.decided_at is not None
    changes = list(ApplicationStatusChange.objects.filter(application=application)
                   .order_by("pk").values_list("from_status", "to_status", "changed_by"))
    assert changes == [("", "submitted", None), ("submitted", "screening", staff.pk),
                       ("screening", "in_review", staff.pk), ("in_review", "interview", staff.pk),
                       ("interview", "accepted", staff.pk)]
    assert all(c.changed_at is not None for c in application.status_changes.all())


@pytest.mark.parametrize(("start", "target", "message"), [
    (S.DRAFT, S.ACCEPTED, "is draft and cannot become accepted."),
    (S.REJECTED, S.ACCEPTED, "is rejected and cannot become accepted."),
    (S.ACCEPTED, S.WITHDRAWN, "is accepted and cannot become withdrawn."),
    (S.SUBMITTED, S.INTERVIEW, "is submitted and cannot become interview."),
])
def test_an_illegal_transition_is_refused_and_nothing_is_logged(start, target, message):
    application = ApplicationFactory(status=start)
    with pytest.raises(DomainError) as error:
        application_transition(application=application, to_status=target,
                               actor=UserFactory())
    assert error.value.message == f"{application.reference} {message}"
    application.refresh_from_db()
    assert application.status == start
    assert application.status_changes.count() == 1


def test_a_bulk_change_is_all_or_nothing():
    call = CallFactory()
    ok = ApplicationFactory(call=call, status=S.IN_REVIEW)
    rejected = ApplicationFactory(call=call, status=S.REJECTED)
    with pytest.raises(DomainError) as error:
        applications_transition(applications=[ok, rejected], to_status=S.ACCEPTED,
                                actor=UserFactory())
    assert error.value.message == (f"Nothing was changed: {rejected.reference} (rejected) "
                                   "cannot become accepted.")
    ok.refresh_from_db()
    assert ok.status == S.IN_REVIEW
    assert ApplicationStatusChange.objects.count() == 2


def test_a_founder_withdraws_and_cannot_withdraw_twice(call, applicant):
    startup, founder = applicant
    application = ApplicationFactory(call=call, startup=startup, status=S.IN_REVIEW)
    application_withdraw(application=application, actor=founder, note="We pivoted.")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    change = application.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "in_review", "withdrawn", founder, "We pivoted.")
    with pytest.raises(DomainError):
        application_withdraw(application=application, actor=founder)


# --- portal scoping ----------------------------------------------------------------------

def test_another_startups_application_is_a_404(client, call, applicant):
    startup, founder = applicant
    application = ApplicationFactory(call=call, startup=startup, status=S.DRAFT)
    _other_startup, other = startup_with_founder("Başqa")
    login(client, other)
    assert client.get(reverse("programmes:application", args=[application.pk])).status_code \
        == 404
    assert client.post(reverse("programmes:application_withdraw",
                               args=[application.pk])).status_code == 404
    answer = Answer.objects.create(application=application, question=q(call, "Problem"),
                                   text="secret")
    assert client.get(reverse("programmes:answer_file", args=[answer.pk])).status_code == 404
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_my_applications_listing_runs_the_same_queries_for_one_and_many(client, applicant):
    startup, founder = applicant
    login(client, founder)
    ApplicationFactory(startup=startup, status=S.SUBMITTED)
    response, one = queries_of(client, reverse("programmes:index"))
    assert len(texts(response, "#application-list li")) == 1
    for _ in range(4):
        ApplicationFactory(startup=startup, status=S.IN_REVIEW)
    response, many = queries_of(client, reverse("programmes:index"))
    assert len(texts(response, "#application-list li")) == 5
    assert one == many


def test_the_founder_sees_status_and_history(client, call, applicant):
    startup, founder = applicant
    application = ApplicationFactory(call=call, startup=startup, status=S.IN_REVIEW)
    staff = UserFactory(is_staff=True)
    application_transition(application=application, to_status=S.ACCEPTED, actor=staff,
                           note="Welcome aboard.", notify=True)
    login(client, founder)
    page = client.get(reverse("programmes:application", args=[application.pk]))
    assert texts(page, "#application-status") == ["Accepted"]
    history = texts(page, "#status-history li")
    assert [h.split(" — ", 1)[1] for h in history] == ["In review",
                                                       "Accepted: Welcome aboard."]


def test_an_upload_is_served_only_to_members_with_its_name(client, call, applicant):
    startup, founder = applicant
    application = application_create(call=call, startup=startup, actor=founder)
    application_save_answers(application=application, actor=founder,
                             files={q(call, "Pitch deck").pk: pdf_upload("Bulud deck.pdf")})
    answer = Answer.objects.get(application=application)
    login(client, founder)
    response = client.get(reverse("programmes:answer_file", args=[answer.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Bulud deck.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
