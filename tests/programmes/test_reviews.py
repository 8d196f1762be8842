"""Review rounds: automatic assignment (balanced, never across a conflict of interest),
scoring within the scale, hidden scores, blind mode."""

from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from programmes.models import Answer, Application, Question, Review, ReviewRound, Score
from programmes.services.reviews import conflict_declare, review_submit, round_assign
from tests.factories.core import MembershipFactory, UserFactory
from tests.factories.incubator import MentorAssignmentFactory, MentorFactory
from tests.factories.programmes import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    QuestionFactory,
    ReviewFactory,
    RoundFactory,
    days,
    pdf_upload,
    startup_with_founder,
)
from tests.programmes.conftest import field_errors, login, queries_of, soup, texts

pytestmark = pytest.mark.django_db
S = Application.Status


def loads(round):
    return Counter(Review.objects.filter(round=round).exclude(
        status=Review.Status.RELEASED).values_list("reviewer_id", flat=True))


def pairs(round):
    return set(Review.objects.filter(round=round).exclude(status=Review.Status.RELEASED)
               .values_list("application_id", "reviewer_id"))


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, preferred_language="en")


@pytest.fixture
def four_reviewers():
    return [UserFactory(full_name=f"Reviewer {n}") for n in range(4)]


def test_assignment_gives_each_application_n_reviewers_and_balances_loads(four_reviewers,
                                                                          staff):
    call = CallFactory()
    applications = [ApplicationFactory(call=call) for _ in range(10)]
    ApplicationFactory(call=call, status=S.SUBMITTED)  # not in review: left alone
    round = RoundFactory(call=call, reviews_per_application=3, reviewers=four_reviewers)
    result = round_assign(round=round, actor=staff)
    assert (result.created, result.applications, result.short) == (30, 10, [])
    per_application = Counter(a for a, _r in pairs(round))
    assert per_application == {a.pk: 3 for a in applications}
    assert sorted(loads(round).values()) == [7, 7, 8, 8]
    # Running it again adds nothing.
    assert round_assign(round=round, actor=staff).created == 0


def test_assignment_never_crosses_a_conflict_of_interest(four_reviewers, staff):
    call = CallFactory()
    applications = [ApplicationFactory(call=call) for _ in range(8)]
    declared, mentor, member, other = four_reviewers
    conflict_declare(reviewer=declared, application=applications[0], actor=declared,
                     reason="My cousin's company")
    MentorAssignmentFactory(mentor=MentorFactory(user=mentor),
                            startup=applications[1].startup)
    # A mentoring that ended long ago is no conflict any more.
    MentorAssignmentFactory(mentor=MentorFactory(user=other), startup=applications[4].startup,
                            started_on=timezone.localdate() - days(400),
                            ended_on=timezone.localdate() - days(300))
    MembershipFactory(enterprise=applications[2].startup.enterprise, user=member,
                      role="member")
    round = RoundFactory(call=call, reviews_per_application=3, reviewers=four_reviewers)
    result = round_assign(round=round, actor=staff)
    assigned = pairs(round)
    assert (applications[0].pk, declared.pk) not in assigned
    assert (applications[1].pk, mentor.pk) not in assigned
    assert (applications[2].pk, member.pk) not in assigned
    assert (applications[4].pk, other.pk) in assigned
    assert result.created == 24
    assert Counter(a for a, _r in assigned) == {a.pk: 3 for a in applications}
    counts = loads(round).values()
    assert max(counts) - min(counts) <= 1


def test_a_conflict_declared_later_releases_the_review_and_a_rerun_fills_the_gap(
        four_reviewers, staff):
    call = CallFactory()
    applications = [ApplicationFactory(call=call) for _ in range(4)]
    round = RoundFactory(call=call, reviews_per_application=2, reviewers=four_reviewers)
    round_assign(round=round, actor=staff)
    review = Review.objects.filter(round=round, application=applications[0]).first()
    reviewer = review.reviewer
    conflict_declare(reviewer=reviewer, application=applications[0], actor=reviewer)
    review.refresh_from_db()
    assert (review.status, review.release_reason) == ("released", "Conflict of interest")
    result = round_assign(round=round, actor=staff)
    assert result.created == 1
    reviewers_of_first = {r for a, r in pairs(round) if a == applications[0].pk}
    assert len(reviewers_of_first) == 2
    assert reviewer.pk not in reviewers_of_first
    with pytest.raises(DomainError) as error:
        conflict_declare(reviewer=reviewer, application=applications[0], actor=reviewer)
    assert error.value.message == "This conflict of interest is already declared."


def test_too_few_reviewers_without_a_conflict_is_reported(staff):
    call = CallFactory()
    application = ApplicationFactory(call=call)
    reviewers = [UserFactory(), UserFactory()]
    round = RoundFactory(call=call, reviews_per_application=3, reviewers=reviewers)
    result = round_assign(round=round, actor=staff)
    assert (result.created, result.short) == (2, [application.reference])


def test_assignment_needs_reviewers_and_an_open_round(staff):
    call = CallFactory()
    ApplicationFactory(call=call)
    round = RoundFactory(call=call)
    with pytest.raises(DomainError) as error:
        round_assign(round=round, actor=staff)
    assert error.value.message == "Add reviewers to the round first."
    round.status = ReviewRound.Status.CLOSED
    round.reviewers.set([UserFactory()])
    round.save()
    with pytest.raises(DomainError) as error:
        round_assign(round=round, actor=staff)
    assert error.value.message == "This round is closed."


def test_the_round_screen_assigns_and_shows_progress_per_reviewer(client, staff,
                                                                   four_reviewers):
    call = CallFactory()
    for _ in range(6):
        ApplicationFactory(call=call)
    round = RoundFactory(call=call, reviews_per_application=2, reviewers=four_reviewers)
    login(client, staff)
    response = client.post(reverse("programmes_admin:round", args=[round.pk]))
    assert response.status_code == 302
    page = client.get(response.url)
    table = [[td.get_text(strip=True) for td in tr.select("td")]
             for tr in soup(page).select("#reviewer-progress tbody tr")]
    assert sorted(row[1:3] for row in table) == [["3", "0"]] * 4
    assert Review.objects.filter(round=round).count() == 12


# --- scoring ------------------------------------------------------------------------------

@pytest.fixture
def scored_round():
    """An open round with two weighted criteria and an application with two reviewers."""
    call = CallFactory()
    startup, founder = startup_with_founder("Gizli Startap", full_name="Məxfi Təsisçi")
    application = ApplicationFactory(call=call, startup=startup)
    first, second = UserFactory(full_name="Birinci Rəyçi"), UserFactory(
        full_name="İkinci Rəyçi")
    round = RoundFactory(call=call, reviews_per_application=2, reviewers=[first, second])
    team = CriterionFactory(round=round, name="Team", weight=3)
    market = CriterionFactory(round=round, name="Market", weight=1)
    return {"round": round, "application": application, "first": first, "second": second,
            "team": team, "market": market, "founder": founder,
            "reviews": [ReviewFactory(round=round, application=application, reviewer=first),
                        ReviewFactory(round=round, application=application,
                                      reviewer=second)]}


def test_a_review_is_the_weighted_mean_of_its_scores(scored_round):
    data = scored_round
    review = review_submit(review=data["reviews"][0], actor=data["first"],
                           scores={data["team"].pk: 4, data["market"].pk: 2},
                           recommendation="accept", comment=" Strong team ")
    assert review.score == (3 * 4 + 1 * 2) / 4
    assert (review.status, review.recommendation, review.comment) == (
        "submitted", "accept", "Strong team")
    assert sorted(Score.objects.filter(review=review).values_list("value", flat=True)) == [2, 4]
    with pytest.raises(DomainError) as error:
        review_submit(review=review, actor=data["first"], scores={}, recommendation="accept")
    assert error.value.message == "You have already submitted this review."


@pytest.mark.parametrize("bad", [0, 6, None, "five"])
def test_a_score_out_of_range_is_refused_and_nothing_is_saved(scored_round, bad):
    data = scored_round
    with pytest.raises(DomainError) as error:
        review_submit(review=data["reviews"][0], actor=data["first"],
                      scores={data["team"].pk: 4, data["market"].pk: bad},
                      recommendation="maybe")
    assert error.value.message == "Score “Market” from 1 to 5."
    assert Score.objects.count() == 0
    assert Review.objects.get(pk=data["reviews"][0].pk).status == "assigned"


def test_the_scoring_form_refuses_a_score_out_of_range(client, scored_round):
    data = scored_round
    login(client, data["first"])
    url = reverse("programmes:review", args=[data["reviews"][0].pk])
    response = client.post(url, {f"c_{data['team'].pk}": "4", f"c_{data['market'].pk}": "7",
                                 "recommendation": "accept"})
    assert response.status_code == 400
    assert field_errors(response) == {f"c_{data['market'].pk}": [
        "Choose a score from 1 to 5."]}
    assert Score.objects.count() == 0
    response = client.post(url, {f"c_{data['team'].pk}": "4", f"c_{data['market'].pk}": "5"})
    assert field_errors(response) == {"recommendation": ["Choose your recommendation."]}
    assert Score.objects.count() == 0


def test_other_scores_stay_hidden_until_ones_own_is_submitted(client, scored_round):
    data = scored_round
    review_submit(review=data["reviews"][1], actor=data["second"],
                  scores={data["team"].pk: 5, data["market"].pk: 3}, recommendation="accept",
                  comment="Excellent founders")
    login(client, data["first"])
    url = reverse("programmes:review", args=[data["reviews"][0].pk])
    page = client.get(url)
    assert texts(page, "#others-hidden") == [
        "Other reviewers' scores appear here once you have submitted yours."]
    assert soup(page).select("#other-scores") == []
    assert "4.50" not in page.content.decode()  # the other's weighted score
    assert "Excellent founders" not in page.content.decode()

    response = client.post(url, {f"c_{data['team'].pk}": "2", f"c_{data['market'].pk}": "2",
                                 "recommendation": "reject"})
    assert response.status_code == 302
    page = client.get(url)
    assert texts(page, "#own-total") == ["2.00"]
    rows = [[td.get_text(strip=True) for td in tr.select("td")]
            for tr in soup(page).select("#other-scores tbody tr")]
    assert rows == [["Reviewer 1", "5", "3", "4.50", "Accept"]]


def test_a_reviewer_cannot_open_someone_elses_review(client, scored_round):
    data = scored_round
    login(client, data["first"])
    assert client.get(reverse("programmes:review",
                              args=[data["reviews"][1].pk])).status_code == 404
    assert client.post(reverse("programmes:review_conflict",
                               args=[data["reviews"][1].pk])).status_code == 404


def _with_upload(application, call):
    question = QuestionFactory(call=call, label="Pitch deck", kind=Question.Kind.FILE)
    answer = Answer(application=application, question=question,
                    file_name="Gizli Startap deck.pdf", file_size=1234)
    answer.file.save("x.pdf", pdf_upload(), save=False)
    answer.save()
    QuestionFactory(call=call, label="Problem")
    Answer.objects.create(application=application, question=call.questions.get(
        label="Problem"), text="Cash is slow.")
    return answer


def test_blind_mode_hides_the_applicant_team_and_file_details(client, scored_round):
    data = scored_round
    answer = _with_upload(data["application"], data["round"].call)
    login(client, data["first"])
    secrets = ["Gizli Startap", "Məxfi Təsisçi", "deck.pdf", "1.2"]
    for url in (reverse("programmes:reviews"),
                reverse("programmes:review", args=[data["reviews"][0].pk])):
        html = client.get(url).content.decode()
        assert [s for s in secrets if s in html] == []
    page = client.get(reverse("programmes:review", args=[data["reviews"][0].pk]))
    assert texts(page, "main h1") == [f"Application {data['application'].reference}"]
    assert texts(page, "#answers dd") == ["Open the PDF", "Cash is slow."]
    download = client.get(reverse("programmes:review_file",
                                  args=[data["reviews"][0].pk, answer.pk]))
    assert download["Content-Disposition"] == (
        f'attachment; filename="{data["application"].reference}-'
        f'{answer.question.sort_order}.pdf"')


def test_without_blind_mode_the_reviewer_sees_who_applied(client, scored_round):
    data = scored_round
    ReviewRound.objects.filter(pk=data["round"].pk).update(blind=False)
    _with_upload(data["application"], data["round"].call)
    login(client, data["first"])
    page = client.get(reverse("programmes:review", args=[data["reviews"][0].pk]))
    assert texts(page, "main h1") == [
        f"Gizli Startap ({data['application'].reference})"]
    assert texts(page, "#answers dd")[0] == "Gizli Startap deck.pdf (1.2\xa0KB)"


def test_declaring_a_conflict_from_the_review_page(client, scored_round):
    data = scored_round
    login(client, data["first"])
    response = client.post(reverse("programmes:review_conflict",
                                   args=[data["reviews"][0].pk]), {"reason": "Former employer"})
    assert response.status_code == 302
    review = Review.objects.get(pk=data["reviews"][0].pk)
    assert review.status == "released"
    conflict = data["application"].conflicts.get()
    assert (conflict.reviewer, conflict.reason, conflict.declared_by) == (
        data["first"], "Former employer", data["first"])
    assert client.get(reverse("programmes:review", args=[review.pk])).status_code == 404


def test_my_assignments_show_progress_with_constant_queries(client, staff):
    reviewer = UserFactory()
    round = RoundFactory(blind=True)
    CriterionFactory(round=round)
    ReviewFactory(round=round, reviewer=reviewer,
                  application=ApplicationFactory(call=round.call))
    login(client, reviewer)
    _page, one = queries_of(client, reverse("programmes:reviews"))
    for _ in range(5):
        ReviewFactory(round=round, reviewer=reviewer,
                      application=ApplicationFactory(call=round.call))
    Review.objects.filter(reviewer=reviewer).filter(
        pk__in=Review.objects.filter(reviewer=reviewer).values("pk")[:2]).update(
        status="submitted", score=3)
    page, many = queries_of(client, reverse("programmes:reviews"))
    assert one == many
    assert texts(page, ".round-progress") == ["2 of 6 reviewed"]
