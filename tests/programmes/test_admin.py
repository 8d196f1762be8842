"""The staff screens: listings with filters and exports, setting up a call with its
questions and a round with its criteria, the application screen's status change."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from programmes.models import Application, Call, Programme, Review, ReviewRound
from programmes.services.reviews import review_submit
from tests.factories.core import CentreFactory, UserFactory
from tests.factories.programmes import (
    ApplicationFactory,
    CallFactory,
    CohortFactory,
    CriterionFactory,
    ProgrammeFactory,
    ReviewFactory,
    RoundFactory,
)
from tests.programmes.conftest import admin_messages, login, queries_of, soup, texts

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, preferred_language="en")


@pytest.fixture
def manager():
    """A programme manager: the role's group, granted by programmes' migration."""
    user = UserFactory(is_staff=True, preferred_language="en")
    user.groups.add(Group.objects.get(name="Programme managers"))
    return user


@pytest.mark.parametrize("name", ["programme_list", "programme_calls",
                                  "programme_applications", "programme_rounds",
                                  "programme_reviews", "programme_conflicts",
                                  "programme_cohorts", "programme_emails"])
def test_every_listing_opens_for_a_programme_manager(client, manager, name):
    review = ReviewFactory()
    CohortFactory(programme=review.round.call.programme)
    login(client, manager)
    response = client.get(reverse(f"{name}:index"))
    assert response.status_code == 200


def test_the_applications_listing_filters_exports_and_keeps_its_queries(client, manager):
    call = CallFactory(title="Spring intake")
    ApplicationFactory(call=call, status=S.SUBMITTED)
    login(client, manager)
    url = reverse("programme_applications:index")
    _page, one = queries_of(client, url)
    for status in (S.ACCEPTED, S.REJECTED, S.SUBMITTED, S.IN_REVIEW):
        ApplicationFactory(call=call, status=status)
    page, many = queries_of(client, url)
    assert len(soup(page).select("table.listing tbody tr")) == 5
    assert one == many
    filtered = client.get(url, {"status": ["submitted"]})
    assert len(soup(filtered).select("table.listing tbody tr")) == 2
    export = client.get(url, {"export": "csv", "status": ["accepted"]})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["Reference", "Startup", "Call", "Status", "Applicant", "Created",
                       "Submitted", "Decided"]
    assert [row[3] for row in rows[1:]] == ["Accepted"]


def test_nothing_is_deleted_from_the_admin(client, manager):
    call = CallFactory()
    application = ApplicationFactory(call=call)
    login(client, manager)
    for url in (reverse("programme_calls:delete", args=[call.pk]),
                reverse("programme_applications:delete", args=[application.pk]),
                reverse("programme_applications:edit", args=[application.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert Call.objects.filter(pk=call.pk).exists()


def test_a_call_is_set_up_with_its_questions(client, manager):
    programme = ProgrammeFactory(centre=CentreFactory())
    login(client, manager)
    data = {
        "programme": programme.pk, "title": "Autumn intake",
        "opens_at": "2026-09-01 09:00", "closes_at": "2026-09-30 18:00",
        "description": "", "eligibility": "Teams of two or more",
        "questions-TOTAL_FORMS": "2", "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
        "questions-0-label": "Problem", "questions-0-kind": "long_text",
        "questions-0-required": "on", "questions-0-help_text": "", "questions-0-choices": "",
        "questions-0-ORDER": "1", "questions-0-id": "", "questions-0-DELETE": "",
        "questions-1-label": "Stage", "questions-1-kind": "choice",
        "questions-1-help_text": "", "questions-1-choices": "Idea",
        "questions-1-ORDER": "2", "questions-1-id": "", "questions-1-DELETE": "",
    }
    response = client.post(reverse("programme_calls:add"), data)
    assert response.status_code == 200  # one option is not a choice
    assert Call.objects.count() == 0
    data["questions-1-choices"] = "Idea\nMVP"
    response = client.post(reverse("programme_calls:add"), data)
    assert response.status_code == 302
    call = Call.objects.get()
    assert [(q.label, q.kind, q.required, q.choice_list) for q in call.questions.all()] == [
        ("Problem", "long_text", True, []), ("Stage", "choice", False, ["Idea", "MVP"])]


def test_a_programme_is_created_through_its_service(client, manager):
    centre = CentreFactory()
    login(client, manager)
    response = client.post(reverse("programme_list:add"), {
        "name": "INNOLAND Sheki", "slug": "innoland-sheki-pre", "kind": "pre_acceleration",
        "centre": centre.pk, "duration_weeks": "10", "description": "", "benefits": "",
        "is_active": "on"})
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert (programme.name, programme.kind) == ("INNOLAND Sheki", "pre_acceleration")
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(object_id=str(programme.pk),
                                        action="wagtail.create").count() == 1


def test_criteria_are_fixed_once_scores_are_in(client, staff):
    reviewer = UserFactory()
    round = RoundFactory(reviewers=[reviewer])
    criterion = CriterionFactory(round=round, name="Team", weight=2)
    review = ReviewFactory(round=round, reviewer=reviewer,
                           application=ApplicationFactory(call=round.call))
    review_submit(review=review, actor=reviewer, scores={criterion.pk: 4},
                  recommendation="accept")
    login(client, staff)
    data = {
        "call": round.call.pk, "name": round.name, "status": "open", "due_on": "",
        "reviews_per_application": "3", "disagreement_threshold": "1.00", "blind": "on",
        "normalise": "on", "reviewers": [reviewer.pk],
        "criteria-TOTAL_FORMS": "1", "criteria-INITIAL_FORMS": "1",
        "criteria-MIN_NUM_FORMS": "1", "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-id": criterion.pk, "criteria-0-name": "Team", "criteria-0-weight": "5",
        "criteria-0-description": "", "criteria-0-ORDER": "1", "criteria-0-DELETE": "",
    }
    response = client.post(reverse("programme_rounds:edit", args=[round.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Reviewers have already submitted scores in this round, so its criteria and "
        "weights can no longer change."]
    criterion.refresh_from_db()
    assert criterion.weight == 2
    data["criteria-0-weight"] = "2"
    data["name"] = "First reading"
    response = client.post(reverse("programme_rounds:edit", args=[round.pk]), data)
    assert response.status_code == 302
    assert ReviewRound.objects.get(pk=round.pk).name == "First reading"


def test_staff_change_an_application_status_on_its_screen(client, manager, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    application = ApplicationFactory(status=S.SUBMITTED,
                                     created_by=UserFactory(preferred_language="en"))
    login(client, manager)
    url = reverse("programmes_admin:application", args=[application.pk])
    page = client.get(url)
    assert [o["value"] for o in soup(page).select("#id_to_status option")] == [
        "screening", "rejected"]
    response = client.post(url, {"to_status": "accepted"})
    assert response.status_code == 400
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
    response = client.post(url, {"to_status": "screening", "note": "Eligible"})
    assert response.status_code == 302
    page = client.get(url)
    assert admin_messages(page) == [f"{application.reference} is now screening."]
    assert texts(page, "#application-status") == ["Screening"]
    history = [[td.get_text(strip=True) for td in tr.select("td")][1:5]
               for tr in soup(page).select("#status-history tbody tr")]
    assert history == [["—", "Submitted", "—", ""],
                       ["Submitted", "Screening", manager.get_full_name(), "Eligible"]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"to_status": "rejected", "note": "", "notify": "on"})
    assert [m.to[0] for m in mailoutbox] == [application.created_by.email]


def test_reviews_listing_is_for_staff_only(client):
    ReviewFactory()
    login(client, UserFactory())
    response = client.get(reverse("programme_reviews:index"))
    assert response.status_code == 302
    assert Review.objects.count() == 1


def test_the_round_and_cohort_listings_open_their_workflow_screens(client, manager):
    round = RoundFactory()
    cohort = CohortFactory()
    login(client, manager)
    rounds = client.get(reverse("programme_rounds:index"))
    assert [a["href"] for a in soup(rounds).select("table.listing tbody td.title a")][:1] == [
        reverse("programmes_admin:round", args=[round.pk])]
    cohorts = client.get(reverse("programme_cohorts:index"))
    assert [a["href"] for a in soup(cohorts).select("table.listing tbody td.title a")][:1] == [
        reverse("programmes_admin:cohort", args=[cohort.pk])]
