import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Workflow

from cms.models import NewsPage
from cms.workflows import NEWS_EDITORS, NEWS_TASK, news_moderation_ensure
from tests.factories.cms import home, news_article, news_index
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def in_az(text):
    with translation.override("az"):
        return gettext(text)


def titles(response):
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', response.content.decode())


@pytest.fixture
def index(db):
    return news_index(home())


def test_the_index_lists_live_articles_newest_first(client, index):
    news_article(index, title="Köhnə", slug="kohne", date=datetime.date(2026, 1, 5))
    news_article(index, title="Yeni", slug="yeni", date=datetime.date(2026, 6, 5))
    news_article(index, title="Qaralama", slug="qaralama").unpublish()

    assert titles(client.get("/az/xeberler/")) == ["Yeni", "Köhnə"]


def test_the_index_filters_by_tag(client, index):
    news_article(index, title="Fabrik", slug="fabrik", tags=("abad",))
    news_article(index, title="Fest", slug="fest", tags=("innoland",))

    response = client.get("/az/xeberler/?tag=abad")

    assert titles(response) == ["Fabrik"]
    assert re.findall(r'<li><a href="[^"]+"(?: aria-current="true")?>([^<]+)</a></li>',
                      response.content.decode().split('class="tags"')[1].split("</nav>")[0]
                      ) == [in_az("All"), "abad", "innoland"]


def test_the_index_is_paginated(client, index):
    for day in range(1, 13):
        news_article(index, title=f"Xəbər {day:02d}", slug=f"xeber-{day}",
                     date=datetime.date(2026, 3, day))

    second = client.get("/az/xeberler/?page=2")

    assert titles(second) == ["Xəbər 02", "Xəbər 01"]
    assert in_az("Page %(number)s of %(total)s") % {"number": 2, "total": 2} in (
        second.content.decode())


def test_the_rss_feed_lists_the_articles(client, index):
    news_article(index, title="Fabrik açıldı", slug="fabrik", date=datetime.date(2026, 5, 1),
                 intro="Quba", tags=("abad",))

    response = client.get("/az/xeberler/rss/")

    xml = response.content.decode()
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert re.findall(r"<item><title>(.*?)</title><link>(.*?)</link>", xml) == [
        ("Fabrik açıldı", "http://testserver/az/xeberler/fabrik/")]
    assert "<category>abad</category>" in xml


def test_the_index_runs_the_same_number_of_queries_for_1_and_20_articles(client, index):
    from tests.factories.cms import publish

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/az/xeberler/", HTTP_COOKIE="sessionid=x").status_code == 200
        return len(queries)

    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="pic", file=get_test_image_file())
    first = news_article(index, title="Bir", slug="bir", tags=("a",))
    first.listing_image, first.listing_image_alt = image, "Şəkil"
    publish(first)
    client.get("/az/xeberler/")
    one = count()
    for n in range(19):
        article = news_article(index, title=f"X {n}", slug=f"x-{n}", tags=("a", f"t{n}"))
        article.listing_image, article.listing_image_alt = image, "Şəkil"
        publish(article)
    client.get("/az/xeberler/")  # renditions are made on the first view

    assert count() == one


def test_submitting_a_news_article_puts_it_in_the_moderation_workflow(index):
    workflow = news_moderation_ensure(news_indexes=[index])
    article = news_article(index, title="Yoxlanılacaq", slug="yoxla")
    editor = UserFactory()

    article.get_workflow().start(article, editor)

    article = NewsPage.objects.get(pk=article.pk)
    state = article.current_workflow_state
    assert (article.get_workflow(), state.status, state.current_task_state.task.name) == (
        workflow, "in_progress", NEWS_TASK)
    assert [g.name for g in state.current_task_state.task.specific.groups.all()] == [
        NEWS_EDITORS]


def test_the_workflow_set_up_is_idempotent(index):
    news_moderation_ensure(news_indexes=[index])
    news_moderation_ensure(news_indexes=[index])

    assert Workflow.objects.filter(name="News moderation").count() == 1
    assert Workflow.objects.get(name="News moderation").workflow_tasks.count() == 1
