"""Every live page type of the public site (centres, programmes, events, the startup
directory, the ABAD catalogue, family stories, and the event, startup and product
sub-pages) has no axe-core violation, in all three languages, on the seeded demo."""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.whole_demo]

SETUP = """
import io, json
from django.core.management import call_command
from cms import selectors
from cms.models import (CataloguePage, CentreIndexPage, CentrePage, EventIndexPage,
                        FamilyStoryPage, ProgrammeIndexPage, ProgrammePage,
                        StartupDirectoryPage)

call_command("seed_demo", stdout=io.StringIO())
event = selectors.events_public().order_by("starts_at").first()
startup = selectors.startups_public().first()
product = selectors.products_listed().first()
urls = {}
for code in ("az", "en", "ru"):
    def first(model):
        return model.objects.live().filter(locale__language_code=code).first()
    pages = [first(m) for m in (CentreIndexPage, CentrePage, ProgrammeIndexPage,
                                 ProgrammePage, EventIndexPage, StartupDirectoryPage,
                                 CataloguePage, FamilyStoryPage)]
    urls[code] = [p.url for p in pages] + [
        first(EventIndexPage).event_url(event), first(StartupDirectoryPage).startup_url(startup),
        first(CataloguePage).product_url(product)]
print(json.dumps(urls))
"""


@pytest.fixture(scope="module")
def live_urls(server):
    return json.loads(server.python(SETUP).strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_every_live_page_type_has_no_accessibility_violation(page, server, live_urls,
                                                              language):
    assert len(live_urls[language]) == 11
    for path in live_urls[language]:
        page.goto(server.url(path))
        expect(page.locator("a.brand")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_count(1)
        assert_no_axe_violations(page)
