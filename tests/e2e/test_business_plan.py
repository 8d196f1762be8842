"""A founder opens a new business plan from their enterprise's page, writes its executive
summary, types a forecast and watches the totals follow, saves it and downloads the
PDF: through a real server and browser (htmx recalculates the table as it changes)."""

import io
import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import ARTEFACTS_DIR

pytestmark = pytest.mark.e2e

EMAIL = "farid.hasanov@example.az"
PASSWORD = "Halva-Şəki-2026!"
ENTERPRISE_NAME = "Şəki Halva Evi"
NBSP = "\u00a0"


def money(text):
    """An amount as the page shows it, with no-break spaces."""
    return text.replace(" ", NBSP)


@pytest.fixture
def founder(server):
    out = server.python(
        "import json\n"
        "from allauth.account.models import EmailAddress\n"
        "from core.models import User\n"
        "from core.services import enterprise_create\n"
        f"user = User.objects.create_user({EMAIL!r}, {PASSWORD!r}, full_name='Fərid Həsənov',"
        " preferred_language='en')\n"
        "EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)\n"
        "enterprise = enterprise_create(actor=None, kind='family', "
        f"name={ENTERPRISE_NAME!r}, region='sheki', sector='food', owner=user)\n"
        "print(json.dumps({'enterprise': enterprise.pk}))\n"
    )
    return json.loads(out.strip().splitlines()[-1])


def log_in(page, server):
    page.goto(server.url("/accounts/login/"))
    page.locator('main input[name="login"]').fill(EMAIL)
    page.locator('main input[name="password"]').fill(PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
    page.wait_for_url("**/portal/")


def test_a_founder_writes_a_plan_sees_the_totals_follow_and_downloads_the_pdf(
        page, server, founder, tmp_path):
    log_in(page, server)

    # From the enterprise's page to a new plan.
    page.goto(server.url(f"/portal/enterprises/{founder['enterprise']}/"))
    page.get_by_role("link", name="New business plan").click()
    page.wait_for_url(re.compile(r"/portal/documents/plans/new/\?enterprise=\d+$"))
    page.locator('main input[name="title"]').fill("Halva for Baku shops")
    page.locator('main select[name="language"]').select_option("en")
    page.locator('main input[name="start_month"]').fill("2026-01")
    page.get_by_role("button", name="Create the plan").click()
    page.wait_for_url(re.compile(r"/portal/documents/plans/\d+/$"))
    plan_url = page.url
    expect(page.locator("main h1")).to_have_text("Halva for Baku shops")

    # A section, saved from its own form.
    summary = page.locator("#section-executive_summary")
    summary.locator("textarea").fill("Three generations of halva <makers> in Sheki.")
    summary.get_by_role("button", name="Save this section").click()
    expect(page.locator("ul.messages")).to_have_text("The section was saved.")
    expect(page.locator("#section-executive_summary textarea")).to_have_value(
        "Three generations of halva <makers> in Sheki.")

    # The forecast: one product for twelve months, a fixed cost, a start-up cost.
    page.locator('input[name="products.0.name"]').fill("Şəki halvası")
    page.locator('input[name="products.0.price"]').fill("12.50")
    page.locator('input[name="products.0.variable_cost"]').fill("4,50")
    for month in range(12):
        page.locator(f'input[name="products.0.units.{month}"]').fill(str(100 + 10 * month))
    page.locator('input[name="fixed_costs.0.name"]').fill("Shop rent")
    page.locator('input[name="fixed_costs.0.amount"]').fill("600")
    page.locator('input[name="startup_costs.0.name"]').fill("Oven")
    page.locator('input[name="startup_costs.0.amount"]').fill("3000")
    page.locator('input[name="startup_costs.0.amount"]').press("Tab")

    # units 100..210: 1 860 in all; revenue 1 860 × 12.50 = 23 250.00;
    # margin 8.00 a unit → 14 880.00, fixed 7 200.00 → profit 7 680.00 − start-up 3 000.
    expect(page.locator("#total-revenue")).to_have_text(money("23 250,00 ₼"))
    expect(page.locator("#total-profit")).to_have_text(money("7 680,00 ₼"))
    expect(page.locator("#break-even-units")).to_have_text("75")  # ⌈600 ÷ 8⌉
    # Cumulative profit reaches 3 000 in month 7 (Jul 2026).
    expect(page.locator("#break-even-month")).to_have_text("Month 7 (Jul 2026)")

    # A bad figure is refused beside its row, and the totals wait for it.
    page.locator('input[name="products.0.price"]').fill("-1")
    page.locator('input[name="products.0.price"]').press("Tab")
    expect(page.locator("#errors-products-0")).to_have_text(
        "Price: Enter zero or a positive number.")
    expect(page.locator("#results-error")).to_be_visible()
    page.locator('input[name="products.0.price"]').fill("12.50")
    page.locator('input[name="products.0.price"]').press("Tab")
    expect(page.locator("#total-revenue")).to_have_text(money("23 250,00 ₼"))
    expect(page.locator("#errors-products-0")).to_have_text("")
    ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS_DIR / "business-plan-forecast.png", full_page=True)

    # Saved, it is still there after a reload.
    page.locator("#save-financials").click()
    expect(page.locator("ul.messages")).to_have_text("The financial model was saved.")
    page.goto(plan_url)
    expect(page.locator('input[name="products.0.name"]')).to_have_value("Şəki halvası")
    expect(page.locator("#total-revenue")).to_have_text(money("23 250,00 ₼"))

    # The PDF.
    page.get_by_role("button", name="Download PDF").click()
    page.wait_for_url(re.compile(r"/portal/documents/\d+/$"))
    download_link = page.locator("#download-link")
    expect(download_link).to_be_visible()
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    data = saved.read_bytes()
    assert data[:5] == b"%PDF-"
    assert re.fullmatch(r"business-plan-halva-for-baku-shops-\d+\.pdf",
                        download.suggested_filename)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Halva for Baku shops" in reader.pages[0].extract_text()
    assert ENTERPRISE_NAME in reader.pages[0].extract_text()
    assert "Three generations of halva <makers> in Sheki." in text
    assert "Şəki halvası" in text
    assert "Break-even: Jul 2026" in text
