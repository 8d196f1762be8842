"""The demo data: programmes at the three INNOLAND centres, applications in every status,
a round with reviews, a running cohort; the founder and the reviewer logins see theirs."""

import io

import pytest
from django.urls import reverse

from core.demo import demo_user
from core.demo import seed as core_seed
from programmes.demo import seed as programmes_seed
from programmes.models import (
    Application,
    Call,
    DecisionEmailTemplate,
    Enrolment,
    Programme,
    Question,
    Review,
    ReviewRound,
)
from tests.programmes.conftest import login, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    """Core's demo people, centres and enterprises, then ours (the whole seed_demo runs
    every app's hook; this keeps the test to what programmes needs)."""
    core_seed()
    programmes_seed(stdout=io.StringIO())


def test_the_demo_covers_the_whole_story(seeded):
    assert sorted(Programme.objects.values_list("centre__slug", flat=True)) == [
        "innoland-baku", "innoland-shamakhi", "innoland-sheki"]
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values)
    open_calls = [c for c in Call.objects.all() if c.is_open()]
    assert len(open_calls) == 1
    assert set(open_calls[0].questions.values_list("kind", flat=True)) == set(
        Question.Kind.values)
    assert Review.objects.filter(status="submitted").count() > 0
    assert ReviewRound.objects.filter(status="open").count() == 1
    assert DecisionEmailTemplate.objects.count() == 9
    founder = demo_user("founder@yuva.test")
    mine = Application.objects.filter(startup__enterprise__memberships__user=founder)
    assert "draft" in set(mine.values_list("status", flat=True))
    enrolment = Enrolment.objects.get(startup__enterprise__memberships__user=founder)
    assert enrolment.cohort.starts_on <= enrolment.cohort.ends_on
    reviewer = demo_user("reviewer@yuva.test")
    assert Review.objects.filter(reviewer=reviewer, status="assigned").count() >= 1


def test_the_demo_is_loaded_once(seeded):
    counts = (Programme.objects.count(), Application.objects.count(), Review.objects.count())
    out = io.StringIO()
    programmes_seed(stdout=out)
    assert (Programme.objects.count(), Application.objects.count(),
            Review.objects.count()) == counts
    assert out.getvalue() == "programmes: demo data already there"


def test_the_demo_people_see_their_part_in_the_portal(client, seeded):
    login(client, demo_user("founder@yuva.test"))
    page = client.get(reverse("programmes:index"))
    statuses = texts(page, "#application-list .status")
    assert "Draft" in statuses and "Accepted" in statuses
    assert len(texts(page, "#call-list li")) == 1
    login(client, demo_user("reviewer@yuva.test"))
    page = client.get(reverse("programmes:reviews"))
    assert texts(page, ".round-progress")[0].endswith("reviewed")
    assert client.get(reverse("core:portal_home")).status_code == 200


def test_every_staff_screen_opens_on_the_demo_data(client, seeded):
    from programmes.models import Cohort

    login(client, demo_user("staff@yuva.test"))
    round = ReviewRound.objects.get(status="open")
    cohort = Cohort.objects.get()
    application = Application.objects.filter(status="in_review").first()
    urls = [
        reverse("programmes_admin:round", args=[round.pk]),
        reverse("programmes_admin:ranking", args=[round.pk]),
        reverse("programmes_admin:application", args=[application.pk]),
        reverse("programmes_admin:cohort", args=[cohort.pk]),
        reverse("programmes_admin:graduation", args=[cohort.pk]),
        reverse("programme_calls:edit", args=[round.call_id]),
        reverse("programme_rounds:edit", args=[round.pk]),
        reverse("programme_cohorts:edit", args=[cohort.pk]),
        reverse("programme_list:index"), reverse("programme_emails:index"),
    ]
    assert {url: client.get(url).status_code for url in urls} == {url: 200 for url in urls}
    ranking = client.get(reverse("programmes_admin:ranking", args=[round.pk]))
    assert len(texts(ranking, "#ranking tbody tr")) == 3
