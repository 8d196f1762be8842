"""The ranking: weighted means, per-reviewer z-score normalisation against numbers
worked out by hand, the disagreement flag, sorting, filters, export, and a constant
number of queries however many applications it lists."""

import csv
import io
import math

import pytest
from django.urls import reverse

from programmes.models import Application, Review
from programmes.ranking import ranking, reviewer_statistics
from programmes.services.reviews import review_submit
from tests.factories.core import EnterpriseFactory, UserFactory
from tests.factories.incubator import StartupFactory
from tests.factories.programmes import (
    ApplicationFactory,
    CallFactory,
    CriterionFactory,
    ReviewFactory,
    RoundFactory,
)
from tests.programmes.conftest import login, queries_of, soup, texts

pytestmark = pytest.mark.django_db
S = Application.Status

# Scores (one criterion, so a review's score is its value):
#            A   B   C   D
#   harsh    1   2   3   .     μ = 2, σ = √(2/3)
#   lenient  3   4   .   5     μ = 4, σ = √(2/3)
#   third    .   .   2   4     μ = 3, σ = 1
# z = (x − μ) / σ; 1/√(2/3) = √1.5 = 1.2247448714
#   A: z = (−√1.5, −√1.5) → −1.2247448714; mean 2.0; σ = 1.0
#   B: z = (0, 0)          →  0;           mean 3.0; σ = 1.0
#   C: z = (√1.5, −1)      →  0.1123724357; mean 2.5; σ = 0.5
#   D: z = (√1.5, 1)       →  1.1123724357; mean 4.5; σ = 0.5
SCORES = {"harsh": {"A": 1, "B": 2, "C": 3}, "lenient": {"A": 3, "B": 4, "D": 5},
          "third": {"C": 2, "D": 4}}
ROOT_1_5 = math.sqrt(1.5)


@pytest.fixture
def ranked():
    call = CallFactory()
    reviewers = {name: UserFactory(full_name=name) for name in SCORES}
    round = RoundFactory(call=call, reviews_per_application=2, reviewers=reviewers.values())
    criterion = CriterionFactory(round=round, name="Overall", weight=2)
    apps = {
        name: ApplicationFactory(call=call, startup=StartupFactory(
            enterprise=EnterpriseFactory(name=f"Startup {name}")))
        for name in "ABCDE"
    }
    for reviewer_name, given in SCORES.items():
        reviewer = reviewers[reviewer_name]
        for app_name, value in given.items():
            review = ReviewFactory(round=round, application=apps[app_name], reviewer=reviewer)
            review_submit(review=review, actor=reviewer, scores={criterion.pk: value},
                          recommendation="accept" if value >= 4 else "maybe")
    # E: assigned, nothing submitted yet; a released review never counts.
    ReviewFactory(round=round, application=apps["E"], reviewer=reviewers["harsh"])
    ReviewFactory(round=round, application=apps["A"], reviewer=UserFactory(),
                  status=Review.Status.RELEASED, score=5)
    return {"round": round, "apps": apps, "reviewers": reviewers}


def names(page):
    return [row.application.startup.enterprise.name[-1] for row in page.rows]


def test_per_reviewer_statistics_match_the_hand_computed_ones(ranked):
    stats = reviewer_statistics(round=ranked["round"])
    by_name = {ranked["reviewers"][n].pk: n for n in SCORES}
    rounded = {by_name[pk]: (count, round(mean, 6), round(std, 6))
               for pk, (count, mean, std) in stats.items()}
    assert rounded == {"harsh": (3, 2.0, 0.816497), "lenient": (3, 4.0, 0.816497),
                       "third": (2, 3.0, 1.0)}


def test_normalised_ranking_matches_hand_computed_z_scores(ranked):
    page = ranking(round=ranked["round"], normalise=True)
    assert page.total == 5
    assert names(page) == ["D", "C", "B", "A", "E"]
    values = {n: (round(r.z, 9) if r.z is not None else None, r.mean, r.std, r.submitted,
                  r.assigned, r.flagged)
              for n, r in zip(names(page), page.rows, strict=True)}
    assert values == {
        "D": (round((ROOT_1_5 + 1) / 2, 9), 4.5, 0.5, 2, 2, False),
        "C": (round((ROOT_1_5 - 1) / 2, 9), 2.5, 0.5, 2, 2, False),
        "B": (0.0, 3.0, 1.0, 2, 2, True),
        "A": (round(-ROOT_1_5, 9), 2.0, 1.0, 2, 2, True),
        "E": (None, None, None, 0, 1, False),
    }
    assert round((ROOT_1_5 + 1) / 2, 9) == 1.112372436
    assert [r.rank for r in page.rows] == [1, 2, 3, 4, 5]


def test_raw_ranking_orders_by_the_weighted_mean(ranked):
    page = ranking(round=ranked["round"], normalise=False)
    # Normalisation moves C above B: the harsh reviewer's 3 is their best mark.
    assert names(page) == ["D", "B", "C", "A", "E"]


def test_sorting_and_filters(ranked):
    round, apps = ranked["round"], ranked["apps"]
    assert names(ranking(round=round, order="disagreement")) == ["A", "B", "C", "D", "E"]
    assert names(ranking(round=round, order="-name")) == ["E", "D", "C", "B", "A"]
    assert names(ranking(round=round, order="progress"))[0] == "E"
    assert names(ranking(round=round, flagged_only=True)) == ["B", "A"]
    assert names(ranking(round=round, complete_only=True)) == ["D", "C", "B", "A"]
    Application.objects.filter(pk=apps["B"].pk).update(status=S.INTERVIEW)
    only = Application.objects.filter(status=S.INTERVIEW)
    assert names(ranking(round=round, applications=only)) == ["B"]
    searched = Application.objects.filter(startup__enterprise__name__icontains="startup c")
    assert names(ranking(round=round, applications=searched)) == ["C"]
    page = ranking(round=round, offset=2, limit=2)
    assert (names(page), page.total, [r.rank for r in page.rows]) == (["B", "A"], 5, [3, 4])
    assert ranking(round=round, offset=10, limit=2).total == 5


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True, preferred_language="en")


def test_the_ranking_page_shows_the_figures_and_the_flag(client, staff, ranked):
    login(client, staff)
    page = client.get(reverse("programmes_admin:ranking", args=[ranked["round"].pk]))
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")][1:]
            for tr in soup(page).select("#ranking tbody tr")]
    ref = {n: a.reference for n, a in ranked["apps"].items()}
    assert rows == [
        ["1", f"Startup D {ref['D']}", "In review", "2 / 2", "4.50", "1.11", "0.50", "2 / 0 / 0"],
        ["2", f"Startup C {ref['C']}", "In review", "2 / 2", "2.50", "0.11", "0.50", "0 / 2 / 0"],
        ["3", f"Startup B {ref['B']}", "In review", "2 / 2", "3.00", "0.00",
         "1.00 disagree", "1 / 1 / 0"],
        ["4", f"Startup A {ref['A']}", "In review", "2 / 2", "2.00", "-1.22",
         "1.00 disagree", "0 / 2 / 0"],
        ["5", f"Startup E {ref['E']}", "In review", "0 / 1", "", "", "", "0 / 0 / 0"],
    ]
    raw = client.get(reverse("programmes_admin:ranking", args=[ranked["round"].pk]),
                     {"normalise": "0", "flagged": "on"})
    assert [tr["id"] for tr in soup(raw).select("#ranking tbody tr")] == [
        f"rank-{ranked['apps']['B'].pk}", f"rank-{ranked['apps']['A'].pk}"]


def test_the_ranking_exports_every_row_as_csv(client, staff, ranked):
    login(client, staff)
    response = client.get(reverse("programmes_admin:ranking", args=[ranked["round"].pk]),
                          {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Rank", "Reference", "Startup", "Status", "Reviews submitted",
                       "Reviews assigned", "Mean score", "Normalised score (z)",
                       "Standard deviation", "Reviewers disagree", "Accept", "Maybe", "Reject"]
    assert rows[1] == ["1", ranked["apps"]["D"].reference, "Startup D", "In review", "2", "2",
                       "4.5", "1.11", "0.5", "no", "2", "0", "0"]
    assert len(rows) == 6


def test_the_ranking_page_runs_the_same_queries_for_few_and_many(client, staff):
    call = CallFactory()
    reviewers = [UserFactory() for _ in range(3)]
    round = RoundFactory(call=call, reviews_per_application=2, reviewers=reviewers)
    criterion = CriterionFactory(round=round)

    def add(n):
        for i in range(n):
            application = ApplicationFactory(call=call)
            for reviewer in reviewers[:2]:
                review = ReviewFactory(round=round, application=application, reviewer=reviewer)
                review_submit(review=review, actor=reviewer,
                              scores={criterion.pk: 1 + (i % 5)}, recommendation="maybe")

    login(client, staff)
    url = reverse("programmes_admin:ranking", args=[round.pk])
    add(1)
    page, one = queries_of(client, url)
    assert len(soup(page).select("#ranking tbody tr")) == 1
    add(11)
    page, many = queries_of(client, url)
    assert len(soup(page).select("#ranking tbody tr")) == 12
    assert one == many
    assert texts(page, "#ranking-summary")[0].startswith("12 applications")


def test_reviewers_never_reach_the_ranking(client, ranked):
    login(client, ranked["reviewers"]["harsh"])
    response = client.get(reverse("programmes_admin:ranking", args=[ranked["round"].pk]))
    assert response.status_code in (302, 403)
    assert b"Startup D" not in response.content
