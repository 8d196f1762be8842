"""Bulk decisions from the ranking, with e-mails from editable templates in each
applicant's language, sent once."""

import pytest
from django.urls import reverse

from core.errors import DomainError
from programmes.models import Application, ApplicationStatusChange, DecisionEmailTemplate
from programmes.services.applications import applications_decide
from programmes.services.decisions import decision_email_send
from tests.factories.core import UserFactory
from tests.factories.incubator import StartupFactory
from tests.factories.programmes import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    ProgrammeFactory,
    ReviewFactory,
    RoundFactory,
    startup_with_founder,
)
from tests.programmes.conftest import admin_messages, login, soup, texts

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def call():
    return CallFactory(title="Spring 2026 intake",
                       programme=ProgrammeFactory(name="INNOLAND Acceleration"))


def applicant(call, name, language, status=S.IN_REVIEW, full_name="Leyla Əliyeva"):
    startup, founder = startup_with_founder(name, preferred_language=language,
                                            full_name=full_name)
    return ApplicationFactory(call=call, startup=startup, status=status, created_by=founder)


def test_accepting_in_bulk_mails_each_applicant_in_their_language(
        call, mailoutbox, django_capture_on_commit_callbacks):
    DecisionEmailTemplate.objects.create(
        decision="accepted", language="ru", subject="{startup}: заявка на {call} принята",
        body="Здравствуйте, {applicant}!\n\n{startup} принят в {programme}.\n\n{note}")
    DecisionEmailTemplate.objects.create(
        decision="accepted", language="az", call=call, subject="Qəbul: {call}",
        body="Hörmətli {applicant}, {startup} qəbul olundu. {unknown} {note}")
    russian = applicant(call, "Bulud Kassa", "ru", full_name="Ivan Petrov")
    azerbaijani = applicant(call, "Kənd Dərsi", "az", full_name="Aysu Kərimova")
    english = applicant(call, "Agro Sensor", "en", full_name="Tural Cəfərov")
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        changes = applications_decide(applications=[russian, azerbaijani, english],
                                      decision=S.ACCEPTED, actor=staff,
                                      note="Kick-off on 2 March.")
    assert len(changes) == 3
    assert set(Application.objects.values_list("status", flat=True)) == {"accepted"}
    mails = {m.to[0]: (m.subject, m.body) for m in mailoutbox}
    assert mails == {
        russian.created_by.email: (
            "Bulud Kassa: заявка на Spring 2026 intake принята",
            "Здравствуйте, Ivan Petrov!\n\nBulud Kassa принят в INNOLAND Acceleration.\n\n"
            "Kick-off on 2 March.\n"),
        azerbaijani.created_by.email: (
            "Qəbul: Spring 2026 intake",
            "Hörmətli Aysu Kərimova, Kənd Dərsi qəbul olundu. {unknown} Kick-off on 2 March.\n"),
        english.created_by.email: (
            "Your application to Spring 2026 intake was accepted",
            "Dear Tural Cəfərov,\n\nCongratulations: Agro Sensor has been accepted to INNOLAND "
            "Acceleration. We will write to you soon about the start of the cohort.\n\n"
            "Kick-off on 2 March.\n\nThe INNOLAND team\n"),
    }
    assert ApplicationStatusChange.objects.filter(notify=True, notified_at__isnull=True) \
        .count() == 0
    # Sending again sends nothing.
    assert [decision_email_send(change_id=c.pk) for c in changes] == [False] * 3
    assert len(mailoutbox) == 3


def test_an_illegal_decision_in_the_batch_changes_nothing_and_mails_nobody(
        call, mailoutbox, django_capture_on_commit_callbacks):
    fine = applicant(call, "Bulud Kassa", "en")
    withdrawn = applicant(call, "Kənd Dərsi", "en", status=S.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as error:
        applications_decide(applications=[fine, withdrawn], decision=S.REJECTED,
                            actor=UserFactory())
    assert error.value.message == (f"Nothing was changed: {withdrawn.reference} (withdrawn) "
                                   "cannot become rejected.")
    fine.refresh_from_db()
    assert fine.status == S.IN_REVIEW
    assert mailoutbox == []


def test_only_a_decision_is_a_decision(call):
    with pytest.raises(DomainError) as error:
        applications_decide(applications=[applicant(call, "X", "en")], decision=S.SCREENING,
                            actor=UserFactory())
    assert error.value.message == "Choose accept, waitlist or reject."


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, preferred_language="en")


def test_the_decision_screen_previews_and_confirms(client, call, staff, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    round = RoundFactory(call=call)
    CriterionFactory(round=round)
    first = applicant(call, "Bulud Kassa", "az")
    second = applicant(call, "Kənd Dərsi", "en")
    untouched = applicant(call, "Agro Sensor", "en")
    for application in (first, second, untouched):
        ReviewFactory(round=round, application=application)
    login(client, staff)
    url = reverse("programmes_admin:decide", args=[round.pk])
    preview = client.post(url, {"applications": [first.pk, second.pk], "decision": "rejected"})
    assert preview.status_code == 200
    assert texts(preview, "#decide-list tbody td:first-child") == [
        f"Bulud Kassa ({first.reference})", f"Kənd Dərsi ({second.reference})"]
    assert [h.split(" — ")[0] for h in texts(preview, ".email-preview h3")] == ["az", "en"]
    assert soup(preview).select_one('input[name="send_emails"]').has_attr("checked")
    assert Application.objects.get(pk=first.pk).status == S.IN_REVIEW  # nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"applications": [first.pk, second.pk], "decision": "rejected",
                                 "note": "", "send_emails": "on", "confirm": "1"})
    assert done.status_code == 302
    assert admin_messages(client.get(done.url)) == ["2 applications are now rejected."]
    assert dict(Application.objects.values_list("pk", "status")) == {
        first.pk: "rejected", second.pk: "rejected", untouched.pk: "in_review"}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.created_by.email,
                                                          second.created_by.email])


def test_the_ranking_offers_the_decision_only_to_who_may_decide(client, call):
    round = RoundFactory(call=call)
    ReviewFactory(round=round, application=ApplicationFactory(call=call, startup=StartupFactory()))
    viewer = UserFactory(is_staff=True, preferred_language="en")
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(*Permission.objects.filter(
        codename__in=["view_reviewround", "view_application", "access_admin"]))
    login(client, viewer)
    page = client.get(reverse("programmes_admin:ranking", args=[round.pk]))
    assert page.status_code == 200
    assert soup(page).select("#decision-bar") == []
    application = Application.objects.get(call=call)
    response = client.post(reverse("programmes_admin:decide", args=[round.pk]), {
        "applications": [application.pk], "decision": "accepted", "confirm": "1"})
    # Wagtail answers a refused permission with a redirect to the admin home.
    assert (response.status_code, response.url) == (302, "/admin/")
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
