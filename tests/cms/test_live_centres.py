# ruff: noqa: F811  (pytest fixtures imported from live_fixtures)
import datetime
from decimal import Decimal

import pytest

from cms.models import CentreIndexPage, CentrePage
from events.models import Event
from tests.cms.live_fixtures import add_page, count_queries, homes  # noqa: F401
from tests.factories.core import CentreFactory
from tests.factories.events import EventFactory, in_days

pytestmark = pytest.mark.django_db

TITLES = {"az": "Mərkəzlər", "en": "Centres", "ru": "Центры"}


def centre_index(homes):
    return add_page(homes, CentreIndexPage(title=TITLES["az"], slug="merkezler",
                                           intro="Beş mərkəz"),
                    en={"title": TITLES["en"], "slug": "centres", "intro": "Five centres"},
                    ru={"title": TITLES["ru"], "slug": "tsentry", "intro": "Пять центров"})


def centre_page(index, centre, title="INNOLAND Bakı"):
    return add_page(index, CentrePage(
        title=title, slug=centre.slug, centre=centre, intro="Paytaxtda inkubasiya",
        opening_hours="B.e.–Cümə 09:00–18:00\nŞənbə 10:00–14:00",
        facilities="Açıq ofis\nKonfrans zalı"),
        en={"title": "INNOLAND Baku", "intro": "Incubation in the capital",
            "opening_hours": "Mon–Fri 09:00–18:00", "facilities": "Open office"},
        ru={"title": "ИННОЛЕНД Баку", "intro": "Инкубация в столице",
            "opening_hours": "Пн–Пт 09:00–18:00", "facilities": "Открытый офис"})


def test_centre_index_and_page_render_in_each_language(client, homes):
    centre = CentreFactory(slug="innoland-baku", address="Bakı, Bakıxanov küçəsi 24",
                           latitude=Decimal("40.378210"), longitude=Decimal("49.845650"))
    index = centre_index(homes)
    pages = centre_page(index, centre)
    expected = {
        "az": ("INNOLAND Bakı", "Paytaxtda inkubasiya", "Şənbə 10:00–14:00", "Konfrans zalı"),
        "en": ("INNOLAND Baku", "Incubation in the capital", "Mon–Fri 09:00–18:00",
               "Open office"),
        "ru": ("ИННОЛЕНД Баку", "Инкубация в столице", "Пн–Пт 09:00–18:00", "Открытый офис"),
    }
    for lang, (title, intro, hours, facility) in expected.items():
        response = client.get(index[lang].url)
        assert response.status_code == 200
        assert index[lang].url == {"az": "/az/merkezler/", "en": "/en/centres/",
                                   "ru": "/ru/tsentry/"}[lang]
        assert response.context["page"].title == TITLES[lang]
        assert [p.title for p in response.context["centre_pages"]] == [title]
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html

        response = client.get(pages[lang].url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{title}</h1>" in html
        assert f'<p class="lead">{intro}</p>' in html
        assert f"<li>{hours}</li>" in html
        assert f"<li>{facility}</li>" in html
        assert "Bakı, Bakıxanov küçəsi 24" in html
        assert pages[lang].specific.map_url == (
            "https://www.openstreetmap.org/?mlat=40.378210&mlon=49.845650"
            "#map=16/40.378210/49.845650")
        assert ('href="https://www.openstreetmap.org/?mlat=40.378210&amp;mlon=49.845650'
                '#map=16/40.378210/49.845650"') in html
        assert [code for code, _label, _url in response.context["alternate_urls"]] == [
            "az", "en", "ru"]


def test_centre_page_lists_its_upcoming_published_events(client, homes):
    centre = CentreFactory()
    other = CentreFactory()
    pages = centre_page(centre_index(homes), centre)
    later = EventFactory(centre=centre, title="Demo Day", starts_at=in_days(10))
    sooner = EventFactory(centre=centre, title="Meetup", starts_at=in_days(3))
    EventFactory(centre=centre, title="Qaralama", status=Event.Status.DRAFT)
    EventFactory(centre=other, title="Başqa mərkəz")
    EventFactory(centre=centre, title="Keçmiş", starts_at=in_days(-5),
                 ends_at=in_days(-5) + datetime.timedelta(hours=2))

    response = client.get(pages["en"].url)

    assert [event.title for event, _url in response.context["events"]] == [
        "Meetup", "Demo Day"]
    # No event index yet: the links go to the events' registration pages.
    assert [url for _event, url in response.context["events"]] == [
        f"/events/{sooner.pk}/", f"/events/{later.pk}/"]


def test_centre_index_queries_do_not_grow_with_centres(client, homes):
    index = centre_index(homes)
    centre_page(index, CentreFactory(), title="Bir")
    one = count_queries(client, index["en"].url)
    for title in ("İki", "Üç", "Dörd"):
        centre_page(index, CentreFactory(), title=title)
    assert count_queries(client, index["en"].url) == one


def test_centre_page_links_events_to_their_pages_under_the_event_index(client, homes):
    from cms.models import EventIndexPage

    add_page(homes, EventIndexPage(title="Tədbirlər", slug="tedbirler"),
             en={"title": "Events", "slug": "events"},
             ru={"title": "Мероприятия", "slug": "meropriyatiya"})
    centre = CentreFactory()
    pages = centre_page(centre_index(homes), centre)
    event = EventFactory(centre=centre, title="Demo Day")
    response = client.get(pages["ru"].url)
    assert [url for _event, url in response.context["events"]] == [
        f"/ru/meropriyatiya/{event.pk}-demo-day/"]


def test_centre_page_shows_the_programmes_and_production_lines_there(client, homes):
    from cms.models import ProgrammeIndexPage, ProgrammePage
    from tests.factories.families import FactoryFactory, LineFactory
    from tests.factories.programmes import ProgrammeFactory

    centre = CentreFactory()
    pages = centre_page(centre_index(homes), centre)
    programmes = add_page(homes, ProgrammeIndexPage(title="Proqramlar", slug="proqramlar"),
                          en={"title": "Programmes", "slug": "programmes"},
                          ru={"title": "Программы", "slug": "programmy"})
    programme = ProgrammeFactory(centre=centre)
    add_page(programmes, ProgrammePage(title="İnkubasiya", slug="inkubasiya",
                                       programme=programme),
             en={"title": "Incubation"}, ru={"title": "Инкубация"})
    add_page(programmes, ProgrammePage(title="Başqa", slug="basqa",
                                       programme=ProgrammeFactory()),
             en={"title": "Elsewhere"}, ru={"title": "Другое"})
    LineFactory(factory=FactoryFactory(centre=centre), name="Mürəbbə xətti", workstations=6)
    LineFactory(name="Başqa fabrikin xətti")

    response = client.get(pages["en"].url)

    assert response.context["programme_pages"] == [
        (response.context["programme_pages"][0][0], "/en/programmes/inkubasiya/")]
    assert response.context["programme_pages"][0][0].title == "Incubation"
    assert [line.name for line in response.context["lines"]] == ["Mürəbbə xətti"]
    assert "<strong>Mürəbbə xətti</strong> <span class=\"muted\">· 6 workstations</span>" in (
        response.content.decode())
