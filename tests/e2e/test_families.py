"""The demo family books a shift and cancels another; the technician checks the family in
on a phone and logs a production lot; the family sees the lot in its production history.
Through a real server and browser, on the demo data (core's and the families app's)."""

import json

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.conftest import ARTEFACTS_DIR

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
LOT_CODE = "E2E-JAM-0001"

# The demo, plus one shift of the jam line starting in 50 minutes (its rules let a family
# book that late), so the technician's sheet is open for it during the test.
SETUP = """
import datetime, json
from django.utils import timezone
from core import demo as core_demo
from families import demo, demo_products
from families.models import Family, ProductionLine, ShiftBooking
from families.services.setup import booking_rules_save
from families.services.shifts import shift_create

core_demo.seed()
demo.seed()
demo_products.seed()  # the family has products, so its lots name one
member = core_demo.demo_user("family@yuva.test")
family = Family.objects.get(enterprise__memberships__user=member)
technician = core_demo.demo_user("technician@yuva.test")
jam = ProductionLine.objects.get(slug="guba-jam")
if not hasattr(jam, "booking_rules"):
    booking_rules_save(actor=None, line=jam, min_notice_hours=0, quota_per_week=6,
                       quota_per_month=20)
now = timezone.now()
starts = (now + datetime.timedelta(minutes=50)).replace(second=0, microsecond=0)
shift = shift_create(line=jam, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
                     technician=technician, actor=None)
cancel = next(b for b in ShiftBooking.objects.filter(family=family, status="booked")
              .order_by("starts_at") if b.starts_at > now + datetime.timedelta(hours=30))
jam_product = family.products.get(code="DEMO-JAM-QUINCE")
print(json.dumps({"family": family.pk, "shift": shift.pk, "cancel": cancel.pk,
                  "product": jam_product.pk,
                  "month": timezone.localtime(starts).strftime("%Y-%m")}))
"""


@pytest.fixture
def scenario(server):
    return json.loads(server.python(SETUP).strip().splitlines()[-1])


def log_in(page, server, address):
    page.goto(server.url("/accounts/login/"))
    page.locator('main input[name="login"]').fill(address)
    page.locator('main input[name="password"]').fill(settings.YUVA_DEMO_PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_book_cancel_check_in_log_a_lot_and_see_it_in_the_history(page, browser, server,
                                                                  scenario):
    family, shift, cancel = scenario["family"], scenario["shift"], scenario["cancel"]
    base = f"/portal/families/{family}/"

    # The family books the shift starting soon from the month calendar.
    log_in(page, server, "family@yuva.test")
    page.goto(server.url(f"{base}calendar/?month={scenario['month']}"))
    page.locator(f'[data-book="{shift}"]').click()
    expect(page.locator(f"#shift-{shift} .tag-booked")).to_be_visible()

    # ... and cancels another booking, more than a day ahead.
    page.goto(server.url(f"{base}my-shifts/"))
    expect(page.locator(f"#upcoming #booking-{cancel}")).to_be_visible()
    page.locator(f'[data-cancel="{cancel}"]').click()
    expect(page.locator("ul.messages .message-success")).to_be_visible()
    expect(page.locator(f"#upcoming #booking-{cancel}")).to_have_count(0)

    # The technician, on a phone, checks the family in and logs a lot.
    phone = browser.new_context(viewport=PHONE, locale="az-AZ")
    sheet = phone.new_page()
    try:
        log_in(sheet, server, "technician@yuva.test")
        sheet.goto(server.url(f"/admin/abad/sheet/{shift}/"))
        card = sheet.locator('.sheet-card[data-family="Quba Mürəbbə Evi"]')
        expect(card.locator(".sheet-state-booked")).to_be_visible()
        card.locator('form:has(input[name="action"][value="check_in"]) button').click()
        card = sheet.locator('.sheet-card[data-family="Quba Mürəbbə Evi"]')
        expect(card.locator(".sheet-state-checked_in")).to_be_visible()
        card.locator("details summary").click()
        lot_form = card.locator('form:has(input[name="action"][value="lot"])')
        lot_form.locator('select[name$="-product"]').select_option(str(scenario["product"]))
        lot_form.locator('input[name$="-quantity"]').fill("48")
        lot_form.locator('input[name$="-lot_code"]').fill(LOT_CODE)
        lot_form.locator('input[name$="-sign_off"]').check()
        lot_form.locator('button[type="submit"]').click()
        card = sheet.locator('.sheet-card[data-family="Quba Mürəbbə Evi"]')
        expect(card.locator(".sheet-lots li code")).to_have_text(LOT_CODE)
        ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)
        sheet.screenshot(path=ARTEFACTS_DIR / "families-shift-sheet.png", full_page=True)
    finally:
        phone.close()

    # The family sees the lot in its production history.
    page.goto(server.url(f"{base}history/"))
    row = page.locator("#lots tbody tr", has_text=LOT_CODE)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(3)).to_contain_text("48")
