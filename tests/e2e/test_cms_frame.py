"""The public site in a real browser: every page type has no axe-core violation in
Azerbaijani and English, and a message sent through the contact form reaches the
admin's submissions."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.e2e

PASSWORD = "Sayt-Redaktoru-2026!"
EDITOR = "site.editor@example.az"

SETUP = f"""
import json
from allauth.account.models import EmailAddress
from core.models import User
from cms.demo import seed
from cms.models import ContactPage

seed()
if not User.objects.filter(email={EDITOR!r}).exists():
    user = User.objects.create_user({EDITOR!r}, {PASSWORD!r}, full_name="Sayt Redaktoru",
                                    is_staff=True, is_superuser=True, preferred_language="en")
    EmailAddress.objects.create(user=user, email={EDITOR!r}, verified=True, primary=True)
print(json.dumps({{"contact": ContactPage.objects.get(locale__language_code="en").pk}}))
"""

PAGES = {
    "az": ["/az/", "/az/haqqimizda/", "/az/novbe-qaydalari/", "/az/xeberler/",
           "/az/xeberler/quba-yeni-xett/", "/az/elaqe/", "/az/search/?q=ABAD",
           "/az/__404__/"],
    "en": ["/en/", "/en/about/", "/en/factory-booking-rules/", "/en/news/",
           "/en/news/guba-new-line/", "/en/contact/", "/en/search/?q=ABAD",
           "/en/__404__/"],
}


@pytest.fixture(scope="module")
def site(server):
    return json.loads(server.python(SETUP).strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["az", "en"])
def test_every_page_type_has_no_accessibility_violation(page, server, site, language):
    for path in PAGES[language]:
        page.goto(server.url(path))
        expect(page.locator("a.brand")).to_be_visible()  # the site's design, 404 too
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_no_axe_violations(page)


def test_the_language_switcher_keeps_the_visitor_on_the_same_article(page, server, site):
    page.goto(server.url("/az/xeberler/quba-yeni-xett/"))

    page.locator("nav.languages").get_by_role("link", name="Русский").click()

    expect(page).to_have_url(server.url("/ru/novosti/guba-novaya-liniya/"))
    expect(page.locator("h1")).to_have_text("Новая линия варенья на фабрике в Губе")


def test_a_message_sent_through_the_contact_form_reaches_the_admin(page, server, site):
    page.goto(server.url("/en/contact/"))
    page.get_by_label("Your name").fill("Leyla Nəsirova")
    page.get_by_label("Your e-mail address").fill("leyla.e2e@example.az")
    page.get_by_label("Your message").fill("When does the next call for startups open?")
    page.get_by_role("button", name="Send").click()

    expect(page.locator("h1")).to_have_text("Thank you")
    page.goto(server.url("/accounts/login/?next=/admin/"))
    page.locator('main input[name="login"]').fill(EDITOR)
    page.locator('main input[name="password"]').fill(PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(server.url(f"/admin/forms/submissions/{site['contact']}/"))

    expect(page.get_by_text("When does the next call for startups open?")).to_be_visible()
