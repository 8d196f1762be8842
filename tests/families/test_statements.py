"""Family statements against hand-computed figures, the rounding rule, re-issuing,
the PDF, the monthly job (idempotent: two runs, one e-mail), and the portal pages
(own family only; constant queries)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from documents.models import Document
from families.models import ContractItem, FamilyStatement
from families.services.statements import margin_of, statement_issue, statements_issue_monthly
from tests.factories.families import family_member
from tests.factories.products import ContractFactory, StoreFactory
from tests.factories.sales import listed, sale, sales_setup
from tests.families.helpers import query_count, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
JAN5 = datetime.date(2026, 1, 5)


@pytest.fixture
def setup():
    data = sales_setup()
    family = data["family"]
    _owner = family_member(family, full_name="Aygün Məmmədova", preferred_language="en",
                           email="aygun@example.com")
    jam_item = ContractItem.objects.get(product=data["jam"])
    cheese_item = ContractItem.objects.get(product=data["cheese"])
    b001, b002 = data["stores"]
    sale(jam_item, b001, sold_on=JAN5, units=3, value="21.00")
    sale(jam_item, b002, sold_on=datetime.date(2026, 1, 6), units=1, value="7.00")
    sale(cheese_item, b001, sold_on=JAN5, units=2, value="25.00")
    sale(jam_item, b001, sold_on=datetime.date(2026, 2, 1), units=9, value="63.00")  # Feb
    # a second chain, 12.5 % margin: 0.20 × 12.5 % = 0.025 → 0.03 (half up)
    other = ContractFactory(chain__code="ARAZ", chain__name="Araz", margin_percent="12.50")
    cheap = listed(other, family=family, code="SWEET-1", shelf_price="0.20")
    sale(ContractItem.objects.get(product=cheap), StoreFactory(chain=other.chain),
         sold_on=datetime.date(2026, 1, 20), units=1, value="0.20")
    # another family's sales never appear
    stranger = listed(data["contract"], code="OTHER-1")
    sale(ContractItem.objects.get(product=stranger), b001, sold_on=JAN5, units=5,
         value="35.00")
    data.update(other=other, cheap=cheap, stranger=stranger)
    return data


def test_margin_rounds_half_up():
    assert margin_of(Decimal("0.20"), Decimal("12.50")) == Decimal("0.03")
    assert margin_of(Decimal("10.05"), Decimal("12.50")) == Decimal("1.26")
    assert margin_of(Decimal("28.00"), Decimal("20.00")) == Decimal("5.60")


def test_statement_against_hand_computed_figures(setup):
    statement = statement_issue(family=setup["family"], month=datetime.date(2026, 1, 17))
    assert statement.month == datetime.date(2026, 1, 1)
    lines = list(statement.lines.order_by("chain__name", "product__code").values_list(
        "chain__code", "product__code", "units", "value", "margin_percent", "margin", "owed"))
    assert lines == [
        ("ARAZ", "SWEET-1", Decimal("1.000"), Decimal("0.20"), Decimal("12.50"),
         Decimal("0.03"), Decimal("0.17")),
        ("BAZAR", "CHEESE-1", Decimal("2.000"), Decimal("25.00"), Decimal("20.00"),
         Decimal("5.00"), Decimal("20.00")),
        ("BAZAR", "JAM-1", Decimal("4.000"), Decimal("28.00"), Decimal("20.00"),
         Decimal("5.60"), Decimal("22.40")),
    ]
    statement.refresh_from_db()
    assert (statement.units, statement.value, statement.margin, statement.owed) == (
        Decimal("7.000"), Decimal("53.20"), Decimal("10.63"), Decimal("42.57"))
    document = statement.document
    assert (document.kind, document.language, document.status, document.owner) == (
        "statement", "en", "ready", statement)
    with document.file.open("rb") as handle:
        text = " ".join("".join(page.extract_text() for page in PdfReader(handle).pages).split())
    assert "Sales statement" in text
    assert "Total 7 53,20 10,63 42,57 ₼" in text


def test_reissue_updates_figures_and_keeps_a_new_version(setup):
    family = setup["family"]
    first = statement_issue(family=family, month=datetime.date(2026, 1, 1))
    sale(ContractItem.objects.get(product=setup["cheese"]), setup["stores"][1],
         sold_on=datetime.date(2026, 1, 30), units=1, value="12.50")
    second = statement_issue(family=family, month=datetime.date(2026, 1, 1))
    assert second.pk == first.pk
    second.refresh_from_db()
    assert (second.value, second.owed, second.lines.count()) == (
        Decimal("65.70"), Decimal("52.57"), 3)
    versions = Document.objects.filter(kind="statement", owner_id=first.pk)
    assert versions.count() == 2
    assert second.document == versions.order_by("-pk").first()


def test_monthly_job_is_idempotent(setup):
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert statements_issue_monthly(today=datetime.date(2026, 2, 1)) == 2
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert statements_issue_monthly(today=datetime.date(2026, 2, 1)) == 0
    assert FamilyStatement.objects.filter(month=datetime.date(2026, 1, 1)).count() == 2
    assert Document.objects.filter(kind="statement").count() == 2
    ours = [message for message in mail.outbox if message.to == ["aygun@example.com"]]
    assert len(ours) == 1
    assert ours[0].subject == "ABAD: your sales statement for 01.2026"
    assert ours[0].attachments[0][2] == "application/pdf"
    statement = FamilyStatement.objects.get(family=setup["family"])
    assert statement.status == "sent"
    assert statement.emailed_at is not None


def test_portal_shows_own_sales_and_statements(client, setup):
    family = setup["family"]
    member = family.enterprise.memberships.get().user
    statement = statement_issue(family=family, month=datetime.date(2026, 1, 1))
    client.force_login(member)
    page = soup(client.get(reverse("families:sales", args=[family.pk]) + "?month=2026-01"))
    months = [[td.get_text(strip=True).replace("\xa0", " ") for td in tr.select("td")]
              for tr in page.select("#sales-months tbody tr")]
    assert months == [["02.2026", "9", "63,00 ₼"], ["01.2026", "7", "53,20 ₼"]]
    chains = [[td.get_text(strip=True).replace("\xa0", " ") for td in tr.select("td")]
              for tr in page.select("#sales-chains tbody tr")]
    assert chains == [["Bazar Store", "6", "53,00 ₼"], ["Araz", "1", "0,20 ₼"]]
    pdf = client.get(reverse("families:statement_pdf", args=[family.pk, statement.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    detail = soup(client.get(reverse("families:statement", args=[family.pk, statement.pk])))
    assert detail.select_one("#statement-owed").get_text(strip=True) == "42,57\xa0₼"


def test_another_family_gets_404(client, setup):
    family = setup["family"]
    statement = statement_issue(family=family, month=datetime.date(2026, 1, 1))
    stranger_family = setup["stranger"].family
    outsider = family_member(stranger_family)[1]
    client.force_login(outsider)
    for name, args in (("families:sales", [family.pk]),
                       ("families:statement", [family.pk, statement.pk]),
                       ("families:statement_pdf", [family.pk, statement.pk]),
                       ("families:statement", [stranger_family.pk, statement.pk]),
                       ("families:statement_pdf", [stranger_family.pk, statement.pk])):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_portal_sales_constant_queries(client, setup):
    family = setup["family"]
    member = family.enterprise.memberships.get().user
    client.force_login(member)
    statement_issue(family=family, month=datetime.date(2026, 1, 1))
    url = reverse("families:sales", args=[family.pk])
    one = query_count(lambda: client.get(url))
    statement_issue(family=family, month=datetime.date(2026, 2, 1))
    for day in range(2, 9):
        sale(ContractItem.objects.get(product=setup["cheese"]), setup["stores"][1],
             sold_on=datetime.date(2026, 3, day), units=1, value="12.50")
    assert query_count(lambda: client.get(url)) == one


def test_compiled_statement_query_matches_the_queryset(setup):
    from families.selectors.sales import statement_figures, statement_figures_queryset

    month = datetime.date(2026, 1, 1)
    expected = [{key: (Decimal(str(value)) if key in {"units", "value", "margin_percent"}
                       else value) for key, value in row.items()}
                for row in statement_figures_queryset(setup["family"], month)]
    assert statement_figures(setup["family"], month) == expected
    assert len(expected) == 3


def test_portal_home_links_to_sales_with_the_latest_statement(client, setup):
    family = setup["family"]
    member = family.enterprise.memberships.get().user
    statement_issue(family=family, month=datetime.date(2026, 1, 1))
    client.force_login(member)
    page = soup(client.get(reverse("core:portal_home")))
    link = page.select_one(f'a[href="{reverse("families:sales", args=[family.pk])}"]')
    assert link.get_text(strip=True) == f"Sales and statements of {family.enterprise.name}"
    assert "01.2026: 42,57\xa0₼ owed to you" in link.parent.get_text()
