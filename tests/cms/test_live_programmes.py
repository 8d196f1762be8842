# ruff: noqa: F811  (pytest fixtures imported from live_fixtures)
import datetime

import pytest
from django.utils import timezone

from cms import selectors
from cms.models import ProgrammeIndexPage, ProgrammePage
from programmes.models import Call, Enrolment
from tests.cms.live_fixtures import add_page, count_queries, homes  # noqa: F401
from tests.factories.core import UserFactory
from tests.factories.programmes import (
    CallFactory,
    CohortFactory,
    EnrolmentFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

OPENS = timezone.make_aware(datetime.datetime(2030, 3, 1, 9, 0))
CLOSES = timezone.make_aware(datetime.datetime(2030, 3, 31, 18, 0))
SECOND = datetime.timedelta(seconds=1)


def programme_index(homes):
    return add_page(homes, ProgrammeIndexPage(title="Proqramlar", slug="proqramlar"),
                    en={"title": "Programmes", "slug": "programmes"},
                    ru={"title": "Программы", "slug": "programmy"})


def programme_page(index, programme, title="Akselerasiya"):
    return add_page(index, ProgrammePage(title=title, slug=programme.slug,
                                         programme=programme, intro="16 həftə"),
                    en={"title": "Acceleration", "intro": "16 weeks"},
                    ru={"title": "Акселерация", "intro": "16 недель"})


def test_an_open_call_is_listed_from_its_opening_until_the_moment_it_closes():
    call = CallFactory(opens_at=OPENS, closes_at=CLOSES)
    programme = call.programme

    assert selectors.calls_open_of(programme, now=OPENS - SECOND) == []
    assert selectors.calls_open_of(programme, now=OPENS) == [call]
    assert selectors.calls_open_of(programme, now=CLOSES - SECOND) == [call]
    assert selectors.calls_open_of(programme, now=CLOSES) == []


def test_programme_page_shows_an_open_call_with_apply_and_drops_it_once_closed(client, homes):
    programme = ProgrammeFactory()
    pages = programme_page(programme_index(homes), programme)
    now = timezone.now()
    call = CallFactory(programme=programme, title="Yaz qəbulu 2030",
                       opens_at=now - datetime.timedelta(days=1),
                       closes_at=now + datetime.timedelta(days=7))
    CallFactory(programme=programme, title="Payız qəbulu",  # not open yet
                opens_at=now + datetime.timedelta(days=30),
                closes_at=now + datetime.timedelta(days=60))
    CallFactory(title="Başqa proqram")  # another programme's call

    response = client.get(pages["en"].url)

    assert [c.title for c, _url in response.context["calls"]] == ["Yaz qəbulu 2030"]
    login_then_form = f"/accounts/login/?next=%2Fportal%2Fprogrammes%2Fcalls%2F{call.pk}%2F"
    assert response.context["calls"][0][1] == login_then_form
    html = response.content.decode()
    assert (f'<a class="button" href="{login_then_form}">Apply to Yaz qəbulu 2030</a>'
            in html)

    client.force_login(UserFactory())
    response = client.get(pages["en"].url)
    assert response.context["calls"][0][1] == f"/portal/programmes/calls/{call.pk}/"

    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - SECOND)
    response = client.get(pages["en"].url)
    assert response.context["calls"] == []
    assert "No call is open right now." in response.content.decode()


def test_programme_page_renders_in_each_language_with_past_cohorts(client, homes):
    programme = ProgrammeFactory(name="INNOLAND Baku Akselerasiya", duration_weeks=16)
    pages = programme_page(programme_index(homes), programme)
    today = timezone.localdate()
    past = CohortFactory(programme=programme, name="Kohort 2029",
                         starts_on=today - datetime.timedelta(days=200),
                         ends_on=today - datetime.timedelta(days=1))
    EnrolmentFactory(cohort=past, status=Enrolment.Status.GRADUATED,
                     graduated_at=timezone.now())
    EnrolmentFactory(cohort=past)
    CohortFactory(programme=programme, name="Kohort 2030")  # still running

    expected = {"az": ("Akselerasiya", "16 həftə"), "en": ("Acceleration", "16 weeks"),
                "ru": ("Акселерация", "16 недель")}
    for lang, (title, intro) in expected.items():
        response = client.get(pages[lang].url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{title}</h1>" in html
        assert f'<p class="lead">{intro}</p>' in html
        assert [(c.name, c.startup_count, c.graduated_count)
                for c in response.context["cohorts"]] == [("Kohort 2029", 2, 1)]
    html = client.get(pages["en"].url).content.decode()
    assert "<strong>Kohort 2029</strong>" in html
    assert "2 startups, 1 graduated" in html


def test_programme_index_lists_programmes_with_open_call_counts(client, homes):
    index = programme_index(homes)
    first = ProgrammeFactory()
    programme_page(index, first, title="Birinci")
    CallFactory(programme=first)
    CallFactory(programme=first)
    one = count_queries(client, index["ru"].url)

    for title in ("İkinci", "Üçüncü", "Dördüncü"):
        programme = ProgrammeFactory()
        programme_page(index, programme, title=title)
        CallFactory(programme=programme)
    assert count_queries(client, index["ru"].url) == one

    response = client.get(index["ru"].url)
    assert response.context["page"].title == "Программы"
    assert [p.open_call_count for p in response.context["programme_pages"]] == [2, 1, 1, 1]
