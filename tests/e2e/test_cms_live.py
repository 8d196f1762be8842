"""The live public pages in a real browser: switching language on an event's page keeps
the visitor on that event; a visitor finds an open call on a programme's page, clicks
Apply, logs in and lands on the portal's application form for that call."""

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "Qəbul-Payız-2026!"
FOUNDER = "cms-live.founder@example.az"

# Index pages shared by the tests of one server (another test may have made them).
PAGES = """
import datetime, json
from django.utils import timezone
from cms.models import EventIndexPage, ProgrammeIndexPage, ProgrammePage
from cms.pagetree import add_translated_page, child_of_type, home_pages
from core.models import Centre

homes = home_pages()

def index(model, slugs):
    existing = child_of_type(homes["az"], model)
    if existing is not None:
        return {code: existing.get_translation(homes[code].locale).specific for code in homes}
    return add_translated_page(homes["az"], model(title=slugs["az"], slug=slugs["az"]),
                               {code: {"title": slug, "slug": slug}
                                for code, slug in slugs.items() if code != "az"})

centre = Centre.objects.create(name="INNOLAND e2e", slug="e2e-cms-live-" + str(
    Centre.objects.count()), kind="incubation_centre", programme="innoland", region="baku",
    address="Bakı, Bakıxanov küçəsi 24")
now = timezone.now()
"""

EVENT = PAGES + """
from events.models import AgendaItem, Event
events = index(EventIndexPage, {"az": "tedbirler", "en": "events", "ru": "meropriyatiya"})
event = Event.objects.create(
    title="Fintech görüşü: ödənişlər", kind="meetup", audience="public", status="published",
    centre=centre, room="Otaq 3", starts_at=now + datetime.timedelta(days=9),
    ends_at=now + datetime.timedelta(days=9, hours=2), capacity=40)
AgendaItem.objects.create(event=event, starts_at=datetime.time(18), title="Açılış",
                          sort_order=0)
print(json.dumps({code: page.event_url(event) for code, page in events.items()}))
"""

CALL = PAGES + f"""
from allauth.account.models import EmailAddress
from core.models import User
from programmes.models import Call, Programme, Question
user = User.objects.create_user({FOUNDER!r}, {PASSWORD!r}, full_name="Aysu Kərimova",
                                preferred_language="az")
EmailAddress.objects.create(user=user, email={FOUNDER!r}, verified=True, primary=True)
programmes = index(ProgrammeIndexPage, {{"az": "proqramlar", "en": "programmes",
                                        "ru": "programmy"}})
programme = Programme.objects.create(name="INNOLAND e2e Akselerasiya", slug="e2e-cms-live",
                                     kind="acceleration", centre=centre)
call = Call(programme=programme, title="Payız qəbulu 2026",
            opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=7))
call.questions.add(Question(label="Hansı problemi həll edirsiniz?", kind="long_text"))
call.save()
pages = add_translated_page(programmes["az"], ProgrammePage(
    title="Akselerasiya", slug="e2e-akselerasiya", programme=programme),
    {{"en": {{"title": "Acceleration"}}, "ru": {{"title": "Акселерация"}}}})
print(json.dumps({{"call": call.pk, "url": pages["en"].url}}))
"""


def test_switching_language_on_an_event_page_stays_on_that_event(page, server):
    urls = json.loads(server.python(EVENT).strip().splitlines()[-1])
    page.goto(server.url(urls["az"]))
    expect(page.locator("h1")).to_have_text("Fintech görüşü: ödənişlər")

    page.get_by_role("banner").get_by_role("link", name="English").click()

    page.wait_for_url(server.url(urls["en"]))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Fintech görüşü: ödənişlər")
    expect(page.get_by_role("link", name="Register")).to_be_visible()

    page.get_by_role("banner").get_by_role("link", name="Русский").click()
    page.wait_for_url(server.url(urls["ru"]))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Fintech görüşü: ödənişlər")


def test_a_visitor_finds_an_open_call_applies_logs_in_and_lands_on_its_form(page, server):
    setup = json.loads(server.python(CALL).strip().splitlines()[-1])
    page.goto(server.url(setup["url"]))
    expect(page.get_by_role("heading", name="Payız qəbulu 2026")).to_be_visible()

    page.get_by_role("link", name="Apply to Payız qəbulu 2026").click()

    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    page.locator('main input[name="login"]').fill(FOUNDER)
    page.locator('main input[name="password"]').fill(PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()

    page.wait_for_url(server.url(f"/portal/programmes/calls/{setup['call']}/"))
    expect(page.locator("h1")).to_have_text("Payız qəbulu 2026")
    expect(page.get_by_text("Hansı problemi həll edirsiniz?")).to_be_visible()
