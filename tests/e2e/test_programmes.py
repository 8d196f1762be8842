"""A founder drafts an application with a PDF pitch deck and submits it; staff screen it
and assign reviewers; the reviewer scores it blind; staff accept it from the ranking;
the founder sees the decision and gets the e-mail: through a real server and browser."""

import email
import email.policy
import json
import re

import pytest
from playwright.sync_api import expect

from programmes.demo import sample_pdf
from tests.e2e.conftest import ARTEFACTS_DIR

pytestmark = pytest.mark.e2e

PASSWORD = "Akselerasiya-2026!"
FOUNDER = "aysu.kerimova@example.az"
REVIEWER = "narmin.hasanova@example.az"
STAFF = "aysel.mammadova@example.az"
STARTUP = "Aqro Sensor"

SETUP = f"""
import datetime, json
from allauth.account.models import EmailAddress
from django.utils import timezone
from core.models import Centre, User
from incubator.services import startup_create
from programmes.models import Call, Criterion, Programme, Question, ReviewRound

def person(email, name, **extra):
    user = User.objects.create_user(email, {PASSWORD!r}, full_name=name,
                                    preferred_language="en", **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user

founder = person({FOUNDER!r}, "Aysu Kərimova")
reviewer = person({REVIEWER!r}, "Nərmin Həsənova")
staff = person({STAFF!r}, "Aysel Məmmədova", is_staff=True, is_superuser=True)
startup_create(actor=founder, owner=founder, name={STARTUP!r}, sector="agritech",
               region="sheki")
centre = Centre.objects.create(name="INNOLAND Şəki", slug="e2e-innoland-sheki",
                               kind="regional_branch", programme="innoland", region="sheki",
                               address="Şəki")
programme = Programme.objects.create(name="INNOLAND Pre-acceleration", slug="e2e-pre",
                                     kind="pre_acceleration", centre=centre)
now = timezone.now()
call = Call(programme=programme, title="Autumn intake", opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=7))
call.questions.add(Question(label="What problem do you solve?", kind="long_text", required=True))
call.questions.add(Question(label="Pitch deck", kind="file", required=True))
call.save()
round = ReviewRound(call=call, name="First reading", status="open", reviews_per_application=1,
                    blind=True, normalise=True)
round.criteria.add(Criterion(name="Team", weight=2))
round.criteria.add(Criterion(name="Market", weight=1))
round.reviewers.set([reviewer])
round.save()
print(json.dumps({{"call": call.pk, "round": round.pk,
                  "criteria": [c.pk for c in round.criteria.order_by("sort_order", "pk")]}}))
"""


@pytest.fixture
def setup(server):
    return json.loads(server.python(SETUP).strip().splitlines()[-1])


def log_in(context, server, email_address, landing="**/portal/"):
    page = context.new_page()
    page.goto(server.url("/accounts/login/"))
    page.locator('main input[name="login"]').fill(email_address)
    page.locator('main input[name="password"]').fill(PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
    page.wait_for_url(landing)
    return page


def mail_to(server, address):
    for path in sorted(server.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            if message["To"] == address:
                return message
    return None


def test_apply_review_accept_and_see_the_decision(page, browser, server, setup, tmp_path):
    deck = tmp_path / "aqro-sensor-deck.pdf"
    deck.write_bytes(sample_pdf("Aqro Sensor"))

    # The founder starts a draft for their startup and saves the first answer.
    founder = log_in(page.context, server, FOUNDER)
    founder.goto(server.url("/portal/programmes/"))
    founder.get_by_role("link", name="Autumn intake").click()
    expect(founder.locator('select[name="startup"]')).to_have_value(re.compile(r"\d+"))
    founder.get_by_role("button", name="Start an application").click()
    founder.wait_for_url(re.compile(r"/portal/programmes/applications/\d+/$"))
    application_url = founder.url
    application_id = int(application_url.rstrip("/").rsplit("/", 1)[1])
    expect(founder.locator("#application-status")).to_have_text("Draft")
    founder.locator("textarea").fill("Hazelnut orchards are watered by guesswork.")
    founder.get_by_role("button", name="Save draft").click()
    expect(founder.locator("ul.messages")).to_have_text("Your draft was saved.")

    # Submitting without the pitch deck is refused beside the question.
    founder.get_by_role("button", name="Submit application").click()
    expect(founder.locator(".errorlist")).to_have_text(
        "Answer every required question before submitting: Pitch deck.")
    expect(founder.locator("textarea")).to_have_value(
        "Hazelnut orchards are watered by guesswork.")

    # With the PDF it goes through.
    founder.locator('input[type="file"]').set_input_files(str(deck))
    founder.get_by_role("button", name="Submit application").click()
    expect(founder.locator("ul.messages")).to_have_text("Your application was submitted.")
    expect(founder.locator("#application-status")).to_have_text("Submitted")
    expect(founder.locator("dl.answers")).to_contain_text("aqro-sensor-deck.pdf")

    # Staff screen it and put it in review, then assign reviewers automatically.
    staff_context = browser.new_context(locale="en-GB")
    staff = log_in(staff_context, server, STAFF)
    staff.goto(server.url(f"/admin/programmes-workflow/applications/{application_id}/"))
    for status in ("screening", "in_review"):
        staff.locator('select[name="to_status"]').select_option(status)
        staff.locator("#status-form button[type=submit]").click()
    expect(staff.locator("#application-status")).to_have_text("In review")
    staff.goto(server.url(f"/admin/programmes-workflow/rounds/{setup['round']}/"))
    staff.get_by_role("button", name="Assign reviewers automatically").click()
    expect(staff.locator("#reviewer-progress tbody tr")).to_have_count(1)
    expect(staff.locator("#reviewer-progress tbody td").nth(1)).to_have_text("1")

    # The reviewer scores it, without seeing who applied.
    reviewer_context = browser.new_context(locale="en-GB")
    reviewer = log_in(reviewer_context, server, REVIEWER)
    reviewer.goto(server.url("/portal/programmes/reviews/"))
    expect(reviewer.locator(".round-progress")).to_have_text("0 of 1 reviewed")
    reviewer.locator(".review-round a").first.click()
    reviewer.wait_for_url(re.compile(r"/portal/programmes/reviews/\d+/$"))
    assert STARTUP not in reviewer.content()
    assert "aqro-sensor-deck" not in reviewer.content()
    team, market = setup["criteria"]
    reviewer.locator(f'input[name="c_{team}"][value="4"]').check()
    reviewer.locator(f'input[name="c_{market}"][value="5"]').check()
    reviewer.locator('input[name="recommendation"][value="accept"]').check()
    reviewer.locator('textarea[name="comment"]').fill("Strong agronomy team.")
    reviewer.get_by_role("button", name="Submit review").click()
    expect(reviewer.locator("ul.messages")).to_have_text("Your review was submitted.")
    expect(reviewer.locator("#own-total")).to_have_text("4.33")  # (2×4 + 1×5) / 3
    reviewer.goto(server.url("/portal/programmes/reviews/"))
    expect(reviewer.locator(".round-progress")).to_have_text("1 of 1 reviewed")

    # Staff accept it from the ranking.
    staff.goto(server.url(f"/admin/programmes-workflow/rounds/{setup['round']}/ranking/"))
    row = staff.locator(f"#rank-{application_id}")
    expect(row.locator(".mean")).to_have_text("4.33")
    row.locator('input[name="applications"]').check()
    staff.locator('#decision-bar select[name="decision"]').select_option("accepted")
    staff.get_by_role("button", name="Continue").click()
    expect(staff.locator("#decide-list tbody tr")).to_have_count(1)
    staff.locator('textarea[name="note"]').fill("Kick-off is on Monday.")
    staff.get_by_role("button", name="Confirm the decision").click()
    expect(row.locator("td").nth(3)).to_have_text("Accepted")
    ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)
    staff.screenshot(path=ARTEFACTS_DIR / "programmes-ranking.png", full_page=True)

    # The founder sees the decision, and has it by e-mail.
    founder.goto(application_url)
    expect(founder.locator("#application-status")).to_have_text("Accepted")
    expect(founder.locator("#status-history li").last).to_contain_text(
        "Accepted: Kick-off is on Monday.")
    message = mail_to(server, FOUNDER)
    assert message is not None
    assert message["Subject"] == "Your application to Autumn intake was accepted"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Dear Aysu Kərimova,\n\nCongratulations: Aqro Sensor has been "
                           "accepted to INNOLAND Pre-acceleration.")
    staff_context.close()
    reviewer_context.close()
