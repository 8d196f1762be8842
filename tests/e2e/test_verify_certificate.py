"""A visitor verifies a certificate by typing its serial as printed (in lower case,
with spaces), then checks that the PDF they were sent is the genuine file: through a
real server and browser."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def certificate(server, tmp_path):
    pdf_path = tmp_path / "certificate.pdf"
    out = server.python(
        "import datetime, json\n"
        "from core.models import Centre, User\n"
        "from documents.models import Certificate\n"
        "from documents.services.certificates import Recipient, certificates_issue\n"
        "centre = Centre.objects.create(name='ABAD Quba fabriki', slug='e2e-guba',"
        " kind='factory', programme='abad', region='guba', address='Quba')\n"
        "staff = User.objects.create_user('e2e-staff@yuva.test', 'x', full_name='Staff')\n"
        "batch = certificates_issue(kind='training', title='Mürəbbə hazırlama təlimi',"
        " recipients=[Recipient(name='Səbinə Quliyeva', email='sabina@example.az',"
        " language='az')], centre=centre, signatory_name='Rəşad Hüseynov', actor=staff,"
        " issued_on=datetime.date(2026, 11, 2), send_emails=False)\n"
        "c = Certificate.objects.select_related('document').get(pk=batch.certificate_ids[0])\n"
        f"open({str(pdf_path)!r}, 'wb').write(c.document.file.open('rb').read())\n"
        "print(json.dumps({'serial': c.serial}))\n"
    )
    return {"serial": json.loads(out.strip().splitlines()[-1])["serial"], "pdf": pdf_path}


def test_a_visitor_types_a_serial_and_checks_the_file(page, server, certificate):
    page.goto(server.url("/verify/"))
    expect(page.locator("html")).to_have_attribute("lang", "az")
    # The visitor switches to English and stays on the page.
    page.locator("#language-select").select_option("en")
    page.locator("form.language-switcher button[type=submit]").click()
    page.wait_for_url(server.url("/verify/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    typed = certificate["serial"].lower().replace("-", " ")
    page.get_by_label("Serial number").fill(typed)
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(server.url(f"/verify/{certificate['serial']}/"))
    expect(page.locator("#verdict")).to_have_text(
        "Valid: this certificate was issued by Yuva and has not been revoked.")
    expect(page.locator("#recipient")).to_have_text("Səbinə Quliyeva")
    expect(page.locator("#title")).to_have_text("Mürəbbə hazırlama təlimi")
    expect(page.locator("#centre")).to_have_text("ABAD Quba fabriki")

    page.locator("input[type=file]").set_input_files(str(certificate["pdf"]))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#file-verdict")).to_have_text(
        "Genuine: this file is exactly the certificate Yuva issued.")
