# ruff: noqa: F811  (pytest fixtures imported from live_fixtures)
import datetime

import pytest

from cms.models import EventIndexPage
from events.models import AgendaItem, Event
from tests.cms.live_fixtures import add_page, count_queries, homes  # noqa: F401
from tests.factories.core import CentreFactory
from tests.factories.events import EventFactory, in_days

pytestmark = pytest.mark.django_db
HOURS = datetime.timedelta(hours=2)


def event_index(homes):
    return add_page(homes, EventIndexPage(title="Tədbirlər", slug="tedbirler"),
                    en={"title": "Events", "slug": "events"},
                    ru={"title": "Мероприятия", "slug": "meropriyatiya"})


def titles(response):
    return [event.title for event, _url in response.context["page_obj"].object_list]


def test_event_index_renders_in_each_language_with_upcoming_events_first(client, homes):
    index = event_index(homes)
    EventFactory(title="Demo Day", starts_at=in_days(10))
    EventFactory(title="Start-up Fest", starts_at=in_days(3))
    EventFactory(title="Qaralama", status=Event.Status.DRAFT)
    EventFactory(title="Keçən görüş", starts_at=in_days(-3), ends_at=in_days(-3) + HOURS)

    for lang, heading in (("az", "Gələcək tədbirlər"), ("en", "Upcoming events"),
                          ("ru", "Предстоящие мероприятия")):
        response = client.get(index[lang].url)
        assert response.status_code == 200
        assert titles(response) == ["Start-up Fest", "Demo Day"]
        assert response.context["page"].title == {"az": "Tədbirlər", "en": "Events",
                                                  "ru": "Мероприятия"}[lang]
        html = response.content.decode()
        if lang == "en":
            assert f"<h2>{heading}</h2>" in html

    response = client.get(index["en"].url, {"when": "past"})
    assert titles(response) == ["Keçən görüş"]
    assert "<h2>Past events</h2>" in response.content.decode()


def test_event_filters_by_kind_audience_centre_and_month(client, homes):
    index = event_index(homes)
    sheki = CentreFactory(name="INNOLAND Sheki")
    base = in_days(40)
    month = f"{base:%Y-%m}"
    EventFactory(title="Təlim", kind=Event.Kind.TRAINING, audience=Event.Audience.FAMILIES,
                 starts_at=base)
    EventFactory(title="Şəki görüşü", centre=sheki, starts_at=base)
    EventFactory(title="Vebinar", kind=Event.Kind.WEBINAR, audience=Event.Audience.STARTUPS,
                 starts_at=base + datetime.timedelta(days=1))
    EventFactory(title="Gələn ay", starts_at=base + datetime.timedelta(days=62))
    url = index["en"].url

    assert titles(client.get(url, {"kind": "training"})) == ["Təlim"]
    assert titles(client.get(url, {"audience": "startups"})) == ["Vebinar"]
    assert titles(client.get(url, {"centre": sheki.pk})) == ["Şəki görüşü"]
    in_month = titles(client.get(url, {"month": month}))
    assert "Gələn ay" not in in_month
    assert sorted(in_month) == sorted(
        e.title for e in Event.objects.filter(starts_at__year=base.year,
                                              starts_at__month=base.month))
    assert titles(client.get(url, {"month": "2030-13"})) == []
    html = client.get(url).content.decode()
    for field in ("when", "kind", "audience", "centre", "month"):
        assert f'<label for="id_{field}">' in html


def test_event_index_paginates_and_keeps_the_filters(client, homes):
    index = event_index(homes)
    for day in range(1, 15):
        EventFactory(title=f"Görüş {day:02d}", kind=Event.Kind.MEETUP, starts_at=in_days(day))
    response = client.get(index["en"].url, {"kind": "meetup", "page": 2})
    assert titles(response) == ["Görüş 13", "Görüş 14"]
    assert 'href="?kind=meetup&amp;page=1" rel="prev"' in response.content.decode()


def test_event_sub_page_with_agenda_register_ical_and_alternate_urls(client, homes):
    event_index(homes)
    event = EventFactory(title="Start-up Fest 2030: Şəki", starts_at=in_days(5),
                         description="Bütün gün.")
    AgendaItem.objects.create(event=event, starts_at=datetime.time(10), title="Açılış",
                              sort_order=0)
    slug = "start-up-fest-2030-sheki"
    urls = {"az": f"/az/tedbirler/{event.pk}-{slug}/", "en": f"/en/events/{event.pk}-{slug}/",
            "ru": f"/ru/meropriyatiya/{event.pk}-{slug}/"}

    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["alternate_urls"] == [
            ("az", "Azərbaycanca", urls["az"]), ("en", "English", urls["en"]),
            ("ru", "Русский", urls["ru"])]
        html = response.content.decode()
        assert "<h1>Start-up Fest 2030: Şəki</h1>" in html
        assert "<strong>Açılış</strong>" in html
        assert f'href="/events/{event.pk}/event.ics"' in html
        assert f'<a class="button" href="/events/{event.pk}/#register">' in html
    assert ">Register</a>" in client.get(urls["en"]).content.decode()
    assert client.get(urls["ru"]).context["canonical_url"] == "http://testserver" + urls["ru"]

    # The short and the misspelt address lead to the event's address.
    assert client.get(f"/en/events/{event.pk}/").headers["Location"] == urls["en"]
    assert client.get(f"/en/events/{event.pk}-old-title/").headers["Location"] == urls["en"]
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(f"/en/events/{draft.pk}-x/").status_code == 404


def test_event_index_queries_do_not_grow_with_events(client, homes):
    index = event_index(homes)
    EventFactory()
    one = count_queries(client, index["en"].url)
    for _ in range(5):
        EventFactory(centre=CentreFactory())
    assert count_queries(client, index["en"].url) == one


def test_the_sitemap_lists_every_published_event_of_the_index(homes):
    index = event_index(homes)
    past = EventFactory(title="Keçən görüş", starts_at=in_days(-3), ends_at=in_days(-3) + HOURS)
    coming = EventFactory(title="Demo Day")
    EventFactory(title="Qaralama", status=Event.Status.DRAFT)
    locations = [row["location"] for row in index["en"].get_sitemap_urls()]
    assert locations == [
        "http://localhost/en/events/",
        f"http://localhost/en/events/{past.pk}-kechen-gorush/",
        f"http://localhost/en/events/{coming.pk}-demo-day/",
    ]
