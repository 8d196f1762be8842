"""A person signs up, confirms their e-mail, is added to a family business, and
downloads its profile as a PDF: the whole path through a real server and browser."""

import email
import email.policy
import io
import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import ARTEFACTS_DIR

pytestmark = pytest.mark.e2e

ENTERPRISE_NAME = "Gəncə Ailə Mürəbbəsi"
EMAIL = "nigar.mammadova@example.az"
PASSWORD = "Mürəbbə-şəkər-2026!"


def confirmation_url(mail_file, base_url):
    """The confirmation link in an e-mail written by Django's file-based backend."""
    raw = mail_file.read_bytes().split(b"\n" + b"-" * 79 + b"\n")[0]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == EMAIL
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(re.escape(base_url) + r"/accounts/confirm-email/[^\s/]+/", body)
    assert len(links) == 1, body
    return links[0]


def test_sign_up_confirm_and_download_the_enterprise_profile_pdf(page, server, tmp_path):
    # Sign up, choosing English (the browser itself asks for Azerbaijani).
    page.goto(server.url("/accounts/signup/"))
    form = page.locator('form[action="/accounts/signup/"]')
    form.locator('input[name="email"]').fill(EMAIL)
    form.locator('input[name="full_name"]').fill("Nigar Məmmədova")
    form.locator('select[name="preferred_language"]').select_option("en")
    form.locator('input[name="password1"]').fill(PASSWORD)
    form.locator('input[name="password2"]').fill(PASSWORD)
    form.locator('button[type="submit"]').click()
    page.wait_for_url("**/accounts/confirm-email/")

    # Confirm the address from the e-mail; confirming signs the person in.
    page.goto(confirmation_url(server.newest_mail(), server.base_url))
    page.locator('main form[action*="/accounts/confirm-email/"] button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/(portal|accounts/login)/"))
    if "/accounts/login/" in page.url:
        page.locator('main input[name="login"]').fill(EMAIL)
        page.locator('main input[name="password"]').fill(PASSWORD)
        page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
        page.wait_for_url("**/portal/")

    # The agency's staff add the person's family business (done here as the service call).
    out = server.python(
        "import json\n"
        "from core.models import User\n"
        "from core.services import enterprise_create\n"
        f"user = User.objects.get(email={EMAIL!r})\n"
        "enterprise = enterprise_create(actor=None, kind='family', "
        f"name={ENTERPRISE_NAME!r}, region='ganja', sector='food', owner=user)\n"
        "print(json.dumps({'pk': enterprise.pk, 'verified': "
        "user.emailaddress_set.get().verified, 'language': user.preferred_language}))\n"
    )
    created = json.loads(out.strip().splitlines()[-1])
    assert created["verified"] is True
    assert created["language"] == "en"

    page.goto(server.url("/portal/"))
    expect(page.locator("main h2", has_text="My enterprises")).to_be_visible()
    link = page.get_by_role("link", name=ENTERPRISE_NAME)
    expect(link).to_have_attribute("href", f"/portal/enterprises/{created['pk']}/")
    ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS_DIR / "portal-home.png", full_page=True)

    link.click()
    page.wait_for_url(f"**/portal/enterprises/{created['pk']}/")
    expect(page.locator("main h1")).to_have_text(ENTERPRISE_NAME)
    page.get_by_role("button", name="Download profile as PDF").click()
    page.wait_for_url(re.compile(r"/portal/documents/\d+/$"))

    download_link = page.locator("#download-link")
    expect(download_link).to_be_visible(timeout=60_000)  # the htmx poll swaps it in
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    data = saved.read_bytes()
    assert data[:5] == b"%PDF-"
    assert re.fullmatch(r"profile-gence-aile-murebbesi-\d+\.pdf", download.suggested_filename)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert ENTERPRISE_NAME in text
    assert "Nigar Məmmədova" in text
