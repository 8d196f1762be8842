"""A family member registers for a training and gets the ticket by e-mail; a staff
member checks the ticket in on a phone; after the training the attendee downloads the
certificate of attendance from the portal. Through a real server and browser."""

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

FAMILY = "gunel.quliyeva@example.az"
STAFF = "door.staff@example.az"
PASSWORD = "Mürəbbə-Quba-2026!"
TRAINING = "Mürəbbə bişirmə təlimi"
PHONE = {"width": 390, "height": 844}

SETUP = f"""
import datetime, json
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from core.models import Centre, User
from core.services import enterprise_create
from events.models import Event
from events.services import event_save

def person(email, name, **extra):
    user = User.objects.create_user(email, {PASSWORD!r}, full_name=name,
                                    preferred_language="en", **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user

family = person({FAMILY!r}, "Günel Quliyeva")
staff = person({STAFF!r}, "Aysel Məmmədova", is_staff=True)
staff.groups.add(Group.objects.get(name="Event managers"))
centre = Centre.objects.create(name="ABAD Guba factory", slug="e2e-events-guba", kind="factory",
                               programme="abad", region="guba", address="Quba, AZ4000")
enterprise_create(actor=None, kind="family", name="Xınalıq Bal Evi", region="guba",
                  sector="food", owner=family, centre=centre)
starts = timezone.now() + datetime.timedelta(days=3)
event = Event(title={TRAINING!r}, kind="training", audience="families", status="published",
              centre=centre, room="Təlim otağı", starts_at=starts,
              ends_at=starts + datetime.timedelta(hours=4), capacity=12,
              is_prerequisite_training=True)
event_save(event=event, actor=staff)
print(json.dumps({{"event": event.pk}}))
"""

TO_THE_PAST = """
import datetime
from django.utils import timezone
from events.models import Event
starts = timezone.now() - datetime.timedelta(days=1)
Event.objects.filter(pk={pk}).update(starts_at=starts,
                                     ends_at=starts + datetime.timedelta(hours=4))
"""


@pytest.fixture
def training(server):
    out = server.python(SETUP)
    return json.loads(out.strip().splitlines()[-1])["event"]


def log_in(page, server, address, next_url=None):
    page.goto(server.url("/accounts/login/" + (f"?next={next_url}" if next_url else "")))
    page.locator('main input[name="login"]').fill(address)
    page.locator('main input[name="password"]').fill(PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()


def ticket_mail(server):
    raw = server.newest_mail().read_bytes().split(b"\n" + b"-" * 79 + b"\n")[0]
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_register_get_the_ticket_check_in_on_a_phone_and_download_the_certificate(
        page, browser, server, training, tmp_path):
    ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)

    # The family member finds the training among the events for families and registers.
    log_in(page, server, FAMILY)
    page.wait_for_url("**/portal/")
    page.goto(server.url("/portal/events/"))
    page.get_by_role("link", name=TRAINING).click()
    page.wait_for_url(f"**/events/{training}/")
    expect(page.locator("#register")).to_contain_text("12 places left.")
    page.locator('#register select[name="gender"]').select_option("female")
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/portal/events/registrations/\d+/$"))
    expect(page.locator("ul.messages")).to_have_text(
        "You are registered. Your ticket is below and on its way by e-mail.")
    code = page.locator("#ticket-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    page.screenshot(path=ARTEFACTS_DIR / "events-ticket.png", full_page=True)

    # The ticket e-mail: the code, the QR code as a PNG, the training as .ics.
    message = ticket_mail(server)
    assert message["To"] == FAMILY
    assert message["Subject"] == f"Your ticket: {TRAINING}"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"Ticket code: {code}" in body
    attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    plain_code = code.replace("-", "")
    assert sorted(attachments) == ["event.ics", f"ticket-{plain_code}.png"]
    assert attachments[f"ticket-{plain_code}.png"][:4] == b"\x89PNG"
    assert f"SUMMARY:{TRAINING}" in attachments["event.ics"]

    # At the door: a staff member on a phone types the code.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                device_scale_factor=2, locale="en-GB")
    door = phone.new_page()
    try:
        checkin = f"/portal/events/check-in/{training}/"
        log_in(door, server, STAFF, next_url=checkin)
        door.wait_for_url(f"**{checkin}")
        expect(door.locator("#count-in")).to_have_text("0")
        expect(door.locator("#count-expected")).to_have_text("1")
        door.locator("#checkin-code").fill(code.lower())
        door.get_by_role("button", name="Check in / find").click()
        expect(door.locator("ul.messages")).to_have_text("Checked in: Günel Quliyeva.")
        expect(door.locator("#count-in")).to_have_text("1")
        expect(door.locator("#count-waiting")).to_have_text("0")
        # The page fits the phone: nothing to scroll sideways.
        assert door.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        door.screenshot(path=ARTEFACTS_DIR / "events-checkin-phone.png", full_page=True)
        # The same ticket again is refused, and not counted twice.
        door.locator("#checkin-code").fill(code)
        door.get_by_role("button", name="Check in / find").click()
        expect(door.locator("ul.messages")).to_contain_text(
            "Günel Quliyeva was already checked in at ")
        expect(door.locator("#count-in")).to_have_text("1")

        # After the training, staff issue the certificates of attendance.
        server.python(TO_THE_PAST.format(pk=training))
        door.goto(server.url(f"/admin/events/{training}/overview/"))
        door.locator('input[name="signatory_name"]').fill("Səbinə İsmayılova")
        door.get_by_role("button", name="Issue to everyone checked in").click()
        expect(door.locator("#certificate-batch")).to_contain_text("Batch: Done, 1 of 1 made.")
    finally:
        phone.close()

    # The attendee downloads the certificate from the portal.
    page.goto(server.url("/portal/"))
    panel = page.locator("section.panel", has=page.locator("h2", has_text="My certificates"))
    expect(panel).to_contain_text(TRAINING)
    with page.expect_download() as download_info:
        panel.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data[:5] == b"%PDF-"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Günel Quliyeva" in text
    assert TRAINING in text
    assert "Certificate of attendance" in text
