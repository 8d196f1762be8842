"""A sales manager uploads the example report with errors and sees each row's problem,
then uploads the clean one and imports it; after the monthly statement job, the demo
family opens its statement in the portal and downloads the PDF. Real server, real
browser; the chains, stores and products are the demo's (families.demo_sales)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

import families
from tests.e2e.conftest import ARTEFACTS_DIR

pytestmark = pytest.mark.e2e

FIXTURES = Path(families.__file__).parent / "fixtures"
MANAGER = "e2e.sales.manager@yuva.test"

SETUP = f"""
import json
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from core import demo as core_demo
from core.models import User
from families import demo, demo_sales
from families.models import Family

core_demo.seed()
demo.seed()
demo_sales._ensure_retail(timezone.localdate())
manager, created = User.objects.get_or_create(
    email="{MANAGER}", defaults={{"full_name": "Nigar Sales", "is_staff": True,
                                 "preferred_language": "en"}})
manager.set_password(settings.YUVA_DEMO_PASSWORD)
manager.save()
manager.groups.add(Group.objects.get(name="Sales managers"))
core_demo._verify_email(manager)
family = Family.objects.get(enterprise__memberships__user__email="family@yuva.test")
print(json.dumps({{"family": family.pk}}))
"""

STATEMENTS = """
import datetime
from families.services.statements import statements_issue_monthly
statements_issue_monthly(today=datetime.date(2026, 2, 1))
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


def upload(page, server, path):
    page.goto(server.url("/admin/abad/sales/upload/"))
    page.locator('select[name="chain"]').select_option(label="Bazar Store")
    page.locator('input[name="period_start"]').fill("2026-01-01")
    page.locator('input[name="period_end"]').fill("2026-01-31")
    page.locator('input[name="file"]').set_input_files(str(path))
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_url("**/admin/abad/sales/imports/*/")


def test_import_with_errors_then_clean_then_the_family_statement(page, browser, server,
                                                                 scenario):
    log_in(page, server, MANAGER)
    upload(page, server, FIXTURES / "sales-with-errors.csv")
    problems = page.locator("#sales-problems tbody tr")
    expect(problems).to_have_count(9)
    expect(problems.first).to_contain_text("Unknown store code “B999” for Bazar Store.")
    expect(page.locator("#sales-commit")).to_have_count(0)
    ARTEFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS_DIR / "sales-import-problems.png", full_page=True)

    upload(page, server, FIXTURES / "sales-clean.csv")
    expect(page.locator("#sales-error-count")).to_have_text("0")
    page.locator("#sales-commit").click()
    expect(page.locator("#sales-status")).to_have_text("Imported")

    server.python(STATEMENTS)
    page.context.clear_cookies()
    log_in(page, server, "family@yuva.test")
    page.goto(server.url(f"/portal/families/{scenario['family']}/sales/"))
    page.locator("#statements a", has_text="01.2026").click()
    expect(page.locator("#statement-lines tbody tr").first).to_be_visible()
    expect(page.locator("#statement-owed")).not_to_have_text("0,00\xa0₼")
    with page.expect_download() as download:
        page.locator("#statement-pdf").click()
    path = download.value.path()
    assert Path(path).read_bytes()[:4] == b"%PDF"
