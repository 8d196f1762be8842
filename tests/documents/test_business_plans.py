"""Business plans: the services (prefill, sections, financials, versions, review, PDF),
the portal pages (scoping, the forecast table and its recalculation, escaping), the
hooks for higher apps, and the adviser's admin screens."""

import csv
import datetime
import io
import re
from decimal import Decimal as D

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.models import ModelLogEntry

from core.errors import DomainError
from documents import charts, finance
from documents.forms_plans import FinancialsForm
from documents.models import BusinessPlan, BusinessPlanVersion, Document
from documents.plan_hooks import BUSINESS_PLAN_ACTUALS, BUSINESS_PLAN_PREFILL
from documents.services.business_plans import (
    BusinessPlanFinancialsError,
    business_plan_create,
    business_plan_pdf_request,
    business_plan_review,
    business_plan_submit,
    business_plan_update_financials,
    business_plan_update_section,
)
from documents.templatetags.money import azn, qty
from tests.documents.conftest import pdf_text
from tests.documents.test_finance import fixture_input
from tests.factories import EnterpriseFactory, MembershipFactory, UserFactory
from tests.factories.core import member_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("en")]

NBSP = "\u00a0"
EVIL = "<script>alert(1)</script> {{ x }} {% now 'Y' %}"
EMPTY_FINANCIALS = {"months": 12, "opening_cash": "0", "startup_costs": [], "funding": [],
                    "fixed_costs": [], "products": []}
FIXTURE_DATA = finance.to_data(fixture_input())


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response, selector):
    node = soup(response).select_one(selector)
    assert node is not None, f"nothing matches {selector!r}"
    return node.get_text(" ", strip=True)


def messages_text(response):
    return [li.get_text(strip=True) for li in soup(response).select("ul.messages li")]


@pytest.fixture
def enterprise():
    return EnterpriseFactory(name="Şəki Halva Evi")


@pytest.fixture
def founder(enterprise):
    return member_of(enterprise, preferred_language="en", full_name="Aygün Quliyeva")


@pytest.fixture
def plan(enterprise, founder):
    return business_plan_create(enterprise=enterprise, actor=founder, title="Halva 2027",
                                language="en", start_month=datetime.date(2026, 1, 15))


@pytest.fixture
def adviser():
    user = UserFactory(is_staff=True, preferred_language="en", full_name="Rəşad Məmmədov")
    user.groups.add(Group.objects.get(name="ABAD advisers"))
    return user


def post_data(data):
    """Stored financial data (finance.to_data) as the portal's forecast table posts it."""
    post = {"months": str(data["months"]), "opening_cash": data["opening_cash"]}
    for group in ("startup_costs", "funding", "fixed_costs"):
        for i, item in enumerate(data[group]):
            for key, value in item.items():
                post[f"{group}.{i}.{key}"] = str(value)
    for i, product in enumerate(data["products"]):
        for key in ("name", "price", "variable_cost"):
            post[f"products.{i}.{key}"] = product[key]
        for m, units in enumerate(product["units"]):
            post[f"products.{i}.units.{m}"] = units
    return post


def submitted(plan, founder, summary="We make halva."):
    business_plan_update_section(plan=plan, actor=founder, key="executive_summary",
                                 text=summary)
    return business_plan_submit(plan=plan, actor=founder)


# --- Money and charts --------------------------------------------------------------------

def test_money_is_shown_with_grouped_thousands_a_decimal_comma_and_the_manat_sign():
    assert azn(D("1234.5")) == f"1{NBSP}234,50{NBSP}₼"
    assert azn(D("-454")) == f"\u2212454,00{NBSP}₼"
    assert azn(D("0.005")) == f"0,01{NBSP}₼"
    assert azn(D("1234567.891")) == f"1{NBSP}234{NBSP}567,89{NBSP}₼"
    assert azn(None) == ""
    assert qty(D("2210")) == f"2{NBSP}210"
    assert qty(D("12.500")) == "12,5"


def test_chart_labels_are_escaped():
    result = finance.calculate(fixture_input())

    svg = charts.cumulative_cash_chart(result, ["<b>x</b>"] * 12)

    assert "<b>" not in svg
    assert "Break-even: &lt;b&gt;x&lt;/b&gt;" in svg
    assert svg.startswith("<svg ") and svg.endswith("</svg>")


# --- Services ------------------------------------------------------------------------------

def test_a_new_plan_without_hooks_starts_empty_on_the_first_of_its_month(plan, founder):
    assert (plan.status, plan.start_month, plan.language, plan.created_by) == (
        "draft", datetime.date(2026, 1, 1), "en", founder)
    assert plan.financials == EMPTY_FINANCIALS
    assert plan.prefilled_from == []
    assert [e.action for e in ModelLogEntry.objects.for_instance(plan)] == [
        "yuva.business_plan_created"]


def test_a_new_plan_is_prefilled_from_what_the_hooks_know(enterprise, founder):
    seen = []

    def catalogue(given):
        seen.append(given)
        return ({"products": [{"name": "Halva", "price": "12.40", "variable_cost": "5.1",
                               "units": [str(n) for n in range(100, 140)]}]},
                ["ABAD product catalogue"])

    def factory(given):
        return ({"fixed_costs": [{"name": "Shift", "amount": D("0")}],
                 "opening_cash": "250.00"}, ["Guba factory shifts"])

    def broken(given):
        return ({"products": [{"name": "Bad", "price": "-1", "variable_cost": "0"}]},
                ["Broken source"])

    with hooks.register_temporarily(BUSINESS_PLAN_PREFILL, catalogue), \
            hooks.register_temporarily(BUSINESS_PLAN_PREFILL, factory), \
            hooks.register_temporarily(BUSINESS_PLAN_PREFILL, broken):
        plan = business_plan_create(enterprise=enterprise, actor=founder, title="Halva",
                                    language="az", start_month=datetime.date(2026, 3, 1))

    assert seen == [enterprise]
    assert plan.prefilled_from == ["ABAD product catalogue", "Guba factory shifts"]
    assert plan.financials == {
        "months": 12, "opening_cash": "250", "startup_costs": [], "funding": [],
        "fixed_costs": [{"name": "Shift", "amount": "0"}],
        "products": [{"name": "Halva", "price": "12.4", "variable_cost": "5.1",
                      "units": [str(n) for n in range(100, 112)]}],
    }


def test_creating_refuses_a_forecast_outside_twelve_to_thirty_six_months(enterprise, founder):
    with pytest.raises(DomainError) as error:
        business_plan_create(enterprise=enterprise, actor=founder, title="Halva",
                             language="en", start_month=datetime.date(2026, 1, 1), months=37)

    assert error.value.message == "A forecast covers 12 to 36 months."
    assert BusinessPlan.objects.count() == 0


def test_a_section_is_stored_as_typed(plan, founder):
    business_plan_update_section(plan=plan, actor=founder, key="team", text=f"  {EVIL}\n")

    plan.refresh_from_db()
    assert plan.sections == {"team": EVIL}


def test_an_unknown_section_or_an_overlong_text_stores_nothing(plan, founder):
    with pytest.raises(DomainError) as unknown:
        business_plan_update_section(plan=plan, actor=founder, key="secrets", text="x")
    with pytest.raises(DomainError) as too_long:
        business_plan_update_section(plan=plan, actor=founder, key="team", text="x" * 20_001)

    assert (unknown.value.message, too_long.value.message) == (
        "There is no such section.", "Use at most 20000 characters.")
    plan.refresh_from_db()
    assert plan.sections == {}


def test_the_financial_model_is_stored_exactly(plan, founder):
    typed = {**FIXTURE_DATA, "opening_cash": "500,00",
             "fixed_costs": [{"name": " Rent ", "amount": "400.00"},
                             {"name": "Utilities", "amount": "120.250"}]}

    business_plan_update_financials(plan=plan, actor=founder, data=typed)

    plan.refresh_from_db()
    assert plan.financials == FIXTURE_DATA
    assert finance.calculate(finance.parse(plan.financials)).total_profit == D("3390.00")


@pytest.mark.parametrize(("change", "errors"), [
    ({"products.0.price": "-8.50"}, {"products.0.price": "Enter zero or a positive number."}),
    ({"products.1.units.3": "-2"}, {"products.1.units.3": "Enter zero or a positive number."}),
    ({"months": "37"}, {"months": "A forecast covers 12 to 36 months."}),
    ({"months": "11"}, {"months": "A forecast covers 12 to 36 months."}),
    ({"funding.1.month": "13"}, {"funding.1.month": "Choose a month from 1 to 12."}),
])
def test_bad_financial_input_is_refused_field_by_field_and_nothing_is_stored(
        plan, founder, change, errors):
    business_plan_update_financials(plan=plan, actor=founder, data=FIXTURE_DATA)
    plan.refresh_from_db()
    before = (plan.financials, plan.updated_at)
    bad = {**post_data(FIXTURE_DATA), **change}
    # Read the posted table back into nested data, as the portal's form does.
    form_data, _indexes = FinancialsForm(data=bad, start_month=plan.start_month).data()

    with pytest.raises(BusinessPlanFinancialsError) as error:
        business_plan_update_financials(plan=plan, actor=founder, data=form_data)

    assert error.value.errors == errors
    assert error.value.message == "Correct the figures marked below; nothing was saved."
    plan.refresh_from_db()
    assert (plan.financials, plan.updated_at) == before


def test_a_sales_row_of_thirty_seven_months_is_refused(plan, founder):
    data = {**EMPTY_FINANCIALS, "months": 36,
            "products": [{"name": "Halva", "price": "1", "variable_cost": "0",
                          "units": ["1"] * 37}]}

    with pytest.raises(BusinessPlanFinancialsError) as error:
        business_plan_update_financials(plan=plan, actor=founder, data=data)

    assert error.value.errors == {"products.0.units": "A forecast covers 12 to 36 months."}
    plan.refresh_from_db()
    assert plan.financials == EMPTY_FINANCIALS


def test_submitting_freezes_a_numbered_version_and_locks_the_plan(plan, founder):
    business_plan_update_financials(plan=plan, actor=founder, data=FIXTURE_DATA)

    version = submitted(plan, founder)

    plan.refresh_from_db()
    assert (version.number, version.decision, version.submitted_by) == (1, "pending", founder)
    assert (version.title, version.sections, version.financials, version.language) == (
        "Halva 2027", {"executive_summary": "We make halva."}, FIXTURE_DATA, "en")
    assert plan.status == "submitted"
    with pytest.raises(DomainError) as error:
        business_plan_update_section(plan=plan, actor=founder, key="team", text="More")
    assert error.value.message == ("This plan is with an adviser for review. You can change "
                                   "it again once the review is done.")
    with pytest.raises(DomainError):
        business_plan_update_financials(plan=plan, actor=founder, data=EMPTY_FINANCIALS)
    plan.refresh_from_db()
    assert (plan.sections, plan.financials) == ({"executive_summary": "We make halva."},
                                                FIXTURE_DATA)
    assert [e.action for e in ModelLogEntry.objects.for_instance(plan).order_by("pk")] == [
        "yuva.business_plan_created", "yuva.business_plan_submitted"]


def test_submitting_needs_the_executive_summary(plan, founder):
    with pytest.raises(DomainError) as error:
        business_plan_submit(plan=plan, actor=founder)

    assert error.value.message == "Write the executive summary before you submit the plan."
    assert BusinessPlanVersion.objects.count() == 0


def test_an_adviser_asks_for_changes_then_approves_the_second_version(plan, founder, adviser):
    submitted(plan, founder)

    with pytest.raises(DomainError) as no_comment:
        business_plan_review(plan=plan, actor=adviser, decision="changes_requested")
    assert no_comment.value.message == "Say what should change."

    first = business_plan_review(plan=plan, actor=adviser, decision="changes_requested",
                                 comments="Add the <b>rent</b> of the shop.")
    plan.refresh_from_db()
    assert (first.decision, first.reviewed_by, first.review_comments, plan.status) == (
        "changes_requested", adviser, "Add the <b>rent</b> of the shop.", "changes_requested")
    assert plan.is_editable

    second = submitted(plan, founder, summary="We make halva and pay rent.")
    approved = business_plan_review(plan=plan, actor=adviser, decision="approved",
                                    comments="Good.")
    plan.refresh_from_db()
    assert (second.number, approved.pk, approved.decision, plan.status) == (
        2, second.pk, "approved", "approved")
    entry = ModelLogEntry.objects.for_instance(plan).filter(
        action="yuva.business_plan_reviewed").order_by("pk").last()
    assert (entry.user_id, entry.data) == (
        adviser.pk, {"version": 2, "decision": "approved", "comments": "Good."})

    # Editing an approved plan starts its next draft; version 2 stays approved.
    business_plan_update_section(plan=plan, actor=founder, key="team", text="Two cooks.")
    plan.refresh_from_db()
    assert plan.status == "draft"
    assert list(plan.versions.values_list("number", "decision")) == [
        (2, "approved"), (1, "changes_requested")]


def test_only_an_adviser_reviews_and_only_a_submitted_plan(plan, founder, adviser):
    with pytest.raises(DomainError) as not_submitted:
        business_plan_review(plan=plan, actor=adviser, decision="approved")
    submitted(plan, founder)
    with pytest.raises(DomainError) as not_adviser:
        business_plan_review(plan=plan, actor=founder, decision="approved")

    assert not_submitted.value.message == "This plan is not waiting for a review."
    assert not_adviser.value.message == "Only an adviser can review business plans."
    assert BusinessPlanVersion.objects.get().decision == "pending"


def test_the_pdf_is_a_document_of_the_plan_in_its_language(plan, founder,
                                                          django_capture_on_commit_callbacks):
    plan.language = "az"
    plan.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = business_plan_pdf_request(plan=plan, actor=founder)
        again = business_plan_pdf_request(plan=plan, actor=founder)

    assert again.pk == document.pk
    assert len(callbacks) == 1
    with translation.override("az"):
        title = gettext("Business plan: %(title)s") % {"title": "Halva 2027"}
    assert (document.kind, document.owner, document.enterprise, document.language,
            document.requested_by, document.title) == (
        "business_plan", plan, plan.enterprise, "az", founder, title)


def test_the_pdf_has_cover_contents_numbered_pages_sections_tables_and_charts(
        plan, founder, django_capture_on_commit_callbacks):
    business_plan_update_financials(plan=plan, actor=founder, data=FIXTURE_DATA)
    business_plan_update_section(plan=plan, actor=founder, key="executive_summary",
                                 text=f"Halva since 1990.\n\n{EVIL}")
    plan.title = "Halva <i>2027</i>"
    plan.save()

    with django_capture_on_commit_callbacks(execute=True):
        document = business_plan_pdf_request(plan=plan, actor=founder)

    document.refresh_from_db()
    assert document.status == "ready", document.error
    assert re.fullmatch(r"business-plan-halva-i2027i-\d+\.pdf", document.filename)
    with document.file.open("rb") as handle:
        pdf = handle.read()
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    cover, contents = pages[0], pages[1]
    assert "Halva <i>2027</i>" in cover
    assert "Şəki Halva Evi" in cover
    assert "Draft" in cover
    assert " / " not in cover  # the cover carries no page number
    assert f"2 / {len(pages)}" in contents
    toc = [line for line in contents.splitlines() if "...." in line]
    assert [re.sub(r"\s*\.{3,}\s*", " … ", line).strip() for line in toc] == [
        "1. Executive summary … 3", "2. Products and services … 3",
        "3. Market and customers … 3", "4. Competition … 3", "5. Marketing and sales … 3",
        "6. Operations … 3", "7. Team … 3", "8. Risks and mitigation … 3",
        "9. Financial plan … 4", "Key figures … 4",
        "Start-up costs, funding and fixed costs … 4", "Sales forecast … 5",
        "Profit and loss and cash flow … 5", "Charts … 5"]
    text = pdf_text(pdf)
    assert EVIL in text  # typed text is printed as text, never run as markup or template
    assert "Year 1 · AZN (₼)" in text
    assert f"15{NBSP}785,00" in text or "15 785,00" in text
    assert "Break-even: Nov 2026" in text  # drawn in the cash chart
    assert "Revenue and costs by month" not in text  # an SVG <title>, not drawn
    assert "Costs (variable and fixed)" in text  # the first chart's legend


def test_the_pdf_speaks_the_plans_language(plan, founder, django_capture_on_commit_callbacks):
    business_plan_update_financials(plan=plan, actor=founder, data=FIXTURE_DATA)
    plan.language = "az"
    plan.save()

    with django_capture_on_commit_callbacks(execute=True):
        document = business_plan_pdf_request(plan=plan, actor=founder)

    document.refresh_from_db()
    with document.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Noy 2026" in text  # Azerbaijani month names, whatever the requester's language
    assert "Nov 2026" not in text


# --- Hooks -------------------------------------------------------------------------------

def test_plan_versus_actual_shows_the_months_the_actuals_hook_knows(client, plan, founder):
    business_plan_update_financials(plan=plan, actor=founder, data=FIXTURE_DATA)
    calls = []

    def sales(enterprise, start_month, months):
        calls.append((enterprise, start_month, months))
        return {1: D("400.00"), 2: D("700.50"), 40: D("1")}

    client.force_login(founder)
    with hooks.register_temporarily(BUSINESS_PLAN_ACTUALS, sales):
        response = client.get(reverse("documents:plan_detail", args=[plan.pk]))

    assert calls == [(plan.enterprise, datetime.date(2026, 1, 1), 12)]
    rows = [[td.get_text(strip=True) for td in tr.select("td")]
            for tr in soup(response).select("#plan-vs-actual tbody tr")]
    assert rows == [
        ["Jan 2026", f"425,00{NBSP}₼", f"400,00{NBSP}₼", f"\u221225,00{NBSP}₼"],
        ["Feb 2026", f"605,00{NBSP}₼", f"700,50{NBSP}₼", f"95,50{NBSP}₼"],
    ]
    assert [td.get_text(strip=True) for td in soup(response).select(
        "#plan-vs-actual tfoot td")] == [f"1{NBSP}030,00{NBSP}₼", f"1{NBSP}100,50{NBSP}₼",
                                         f"70,50{NBSP}₼"]


def test_without_actual_figures_the_page_says_so(client, plan, founder):
    client.force_login(founder)

    response = client.get(reverse("documents:plan_detail", args=[plan.pk]))

    assert text_of(response, "#plan-vs-actual p") == (
        "No actual sales figures yet: they appear here, month by month beside the plan, "
        "once the agency records your sales.")


# --- Portal pages ------------------------------------------------------------------------

PORTAL_VIEWS = [
    ("get", "documents:plan_detail", ()),
    ("post", "documents:plan_settings", ()),
    ("post", "documents:plan_section", ("team",)),
    ("post", "documents:plan_financials", ()),
    ("post", "documents:plan_recalculate", ()),
    ("post", "documents:plan_submit", ()),
    ("post", "documents:plan_pdf", ()),
]


@pytest.mark.parametrize(("method", "name", "extra"), PORTAL_VIEWS)
def test_another_enterprises_plan_answers_404_and_stays_untouched(client, plan, method, name,
                                                                   extra):
    outsider = member_of(EnterpriseFactory(), preferred_language="en")
    client.force_login(outsider)
    data = {"title": "Mine", "language": "en", "start_month": "2026-01", "text": "Mine",
            **post_data(FIXTURE_DATA)}

    response = getattr(client, method)(reverse(name, args=[plan.pk, *extra]), data)

    assert response.status_code == 404
    plan.refresh_from_db()
    assert (plan.title, plan.sections, plan.financials, plan.status) == (
        "Halva 2027", {}, EMPTY_FINANCIALS, "draft")
    assert Document.objects.count() == 0


def test_the_list_shows_only_my_enterprises_plans_in_constant_queries(client, plan, founder):
    business_plan_create(enterprise=EnterpriseFactory(), actor=None, title="Not mine",
                         language="en", start_month=datetime.date(2026, 1, 1))
    client.force_login(founder)
    url = reverse("documents:plan_list")

    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert [a.get_text() for a in soup(response).select(".plan-list a")] == ["Halva 2027"]

    for n in range(4):
        second = MembershipFactory(user=founder).enterprise
        business_plan_create(enterprise=second, actor=founder, title=f"Plan {n}",
                             language="en", start_month=datetime.date(2026, 1, 1))
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert len(soup(response).select(".plan-list tbody tr")) == 5
    assert len(five) == len(one)


def test_a_member_creates_a_plan_from_the_enterprise_page(client, enterprise, founder):
    client.force_login(founder)

    page = client.get(reverse("core:enterprise_detail", args=[enterprise.pk]))
    new_url = f"{reverse('documents:plan_create')}?enterprise={enterprise.pk}"
    assert soup(page).select_one(f'a[href="{new_url}"]').get_text() == "New business plan"
    form = client.get(new_url)
    assert soup(form).select_one('select[name="enterprise"] option[selected]')["value"] == str(
        enterprise.pk)
    response = client.post(new_url, {"enterprise": enterprise.pk, "title": "Halva",
                                     "language": "ru", "start_month": "2026-04",
                                     "months": "24"})

    plan = BusinessPlan.objects.get()
    assert response.url == reverse("documents:plan_detail", args=[plan.pk])
    assert (plan.enterprise, plan.language, plan.start_month, plan.financials["months"]) == (
        enterprise, "ru", datetime.date(2026, 4, 1), 24)
    page = client.get(reverse("core:enterprise_detail", args=[enterprise.pk]))
    assert [a.get_text() for a in soup(page).select(
        f'a[href="{reverse("documents:plan_detail", args=[plan.pk])}"]')] == ["Halva"]


def test_a_plan_cannot_be_created_for_someone_elses_enterprise(client, founder):
    other = EnterpriseFactory()
    client.force_login(founder)

    response = client.post(reverse("documents:plan_create"), {
        "enterprise": other.pk, "title": "Halva", "language": "en",
        "start_month": "2026-04", "months": "12"})

    assert response.status_code == 200
    assert BusinessPlan.objects.count() == 0


def test_user_text_is_escaped_on_the_page(client, plan, founder):
    business_plan_update_section(plan=plan, actor=founder, key="team", text=EVIL)
    business_plan_update_financials(plan=plan, actor=founder, data={
        **FIXTURE_DATA, "products": [{**FIXTURE_DATA["products"][0], "name": EVIL}]})
    client.force_login(founder)

    response = client.get(reverse("documents:plan_detail", args=[plan.pk]))

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    # (a textarea's content starts after a line break, which browsers drop)
    assert soup(response).select_one("#id_team_text").get_text().lstrip("\r\n") == EVIL
    assert soup(response).select_one('input[name="products.0.name"]')["value"] == EVIL
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ x }} {% now &#x27;Y&#x27; %}" in html
    assert [td.get_text() for td in soup(response).select("table.figures td.label")][0] == (
        f"Revenue: {EVIL}")


def test_a_section_is_saved_from_its_own_form(client, plan, founder):
    client.force_login(founder)

    response = client.post(reverse("documents:plan_section", args=[plan.pk, "market_customers"]),
                           {"text": "Tourists in Sheki."})

    assert response.url == reverse("documents:plan_detail", args=[plan.pk]) + (
        "#section-market_customers")
    plan.refresh_from_db()
    assert plan.sections == {"market_customers": "Tourists in Sheki."}


def test_the_forecast_table_is_saved(client, plan, founder):
    client.force_login(founder)
    post = post_data(FIXTURE_DATA)
    # The empty row the page offers for a new product is posted too, and ignored.
    post.update({"products.2.name": "", "products.2.price": "", "products.2.variable_cost": "",
                 **{f"products.2.units.{m}": "" for m in range(12)}})

    response = client.post(reverse("documents:plan_financials", args=[plan.pk]), post)

    assert response.url == reverse("documents:plan_detail", args=[plan.pk]) + "#financials"
    plan.refresh_from_db()
    assert plan.financials == FIXTURE_DATA
    page = client.get(reverse("documents:plan_detail", args=[plan.pk]))
    assert text_of(page, "#total-revenue") == f"15{NBSP}785,00{NBSP}₼"
    assert text_of(page, "#break-even-month") == "Month 11 (Nov 2026)"
    assert text_of(page, "#break-even-units") == "120"
    assert soup(page).select_one('input[name="products.0.price"]')["value"] == "8.50"
    # One empty row to type a new product into.
    assert soup(page).select_one('input[name="products.2.name"]')["value"] == ""


def test_a_removed_row_is_dropped_on_save(client, plan, founder):
    client.force_login(founder)
    post = post_data(FIXTURE_DATA)
    post["fixed_costs.0.delete"] = "on"

    client.post(reverse("documents:plan_financials", args=[plan.pk]), post)

    plan.refresh_from_db()
    assert plan.financials["fixed_costs"] == [{"name": "Utilities", "amount": "120.25"}]


def test_bad_figures_are_shown_beside_their_fields_and_nothing_is_stored(client, plan, founder):
    client.force_login(founder)
    post = post_data(FIXTURE_DATA)
    post.update({"products.1.price": "-4.75", "products.0.units.2": "abc", "months": "12"})

    response = client.post(reverse("documents:plan_financials", args=[plan.pk]), post)

    assert response.status_code == 200
    assert messages_text(response) == ["Correct the figures marked below; nothing was saved."]
    assert [li.get_text() for li in soup(response).select("#errors-products-1 li")] == [
        "Price: Enter zero or a positive number."]
    assert [li.get_text() for li in soup(response).select("#errors-products-0 li")] == [
        "Mar 2026: Enter a number."]
    price = soup(response).select_one('input[name="products.1.price"]')
    assert (price["value"], price["aria-invalid"], price["class"]) == (
        "-4.75", "true", ["money", "invalid"])
    plan.refresh_from_db()
    assert plan.financials == EMPTY_FINANCIALS


def test_a_forecast_longer_than_thirty_six_months_is_refused_with_a_message(client, plan,
                                                                           founder):
    client.force_login(founder)
    post = post_data(FIXTURE_DATA)
    post["months"] = "37"

    response = client.post(reverse("documents:plan_financials", args=[plan.pk]), post)

    assert [li.get_text() for li in soup(response).select("#errors-months li")] == [
        "A forecast covers 12 to 36 months."]
    plan.refresh_from_db()
    assert plan.financials == EMPTY_FINANCIALS


def test_adding_a_row_shows_the_table_again_without_saving(client, plan, founder):
    client.force_login(founder)
    post = {**post_data(FIXTURE_DATA), "action": "add-fixed_costs"}

    response = client.post(reverse("documents:plan_financials", args=[plan.pk]), post)

    assert [i["name"] for i in soup(response).select("#table-fixed_costs input.name")] == [
        "fixed_costs.0.name", "fixed_costs.1.name", "fixed_costs.2.name", "fixed_costs.3.name"]
    plan.refresh_from_db()
    assert plan.financials == EMPTY_FINANCIALS


def test_recalculating_returns_the_totals_without_saving(client, plan, founder):
    client.force_login(founder)

    response = client.post(reverse("documents:plan_recalculate", args=[plan.pk]),
                           post_data(FIXTURE_DATA), HTTP_HX_REQUEST="true")

    assert text_of(response, "#total-revenue") == f"15{NBSP}785,00{NBSP}₼"
    assert text_of(response, "#total-profit") == f"3{NBSP}390,00{NBSP}₼"
    assert text_of(response, "#closing-cash") == f"4{NBSP}839,50{NBSP}₼"
    assert text_of(response, "#lowest-cash") == f"\u2212454,00{NBSP}₼ (Feb 2026)"
    assert len(soup(response).select("svg.chart")) == 2
    # Each row's message slot is refreshed beside its row, empty now.
    slot = soup(response).select_one('#errors-products-0[hx-swap-oob="true"]')
    assert slot.get_text() == ""
    assert soup(response).select_one("#sales-table") is None
    plan.refresh_from_db()
    assert plan.financials == EMPTY_FINANCIALS


def test_recalculating_bad_figures_puts_each_message_beside_its_row(client, plan, founder):
    client.force_login(founder)
    post = post_data(FIXTURE_DATA)
    post["fixed_costs.1.amount"] = "-1"

    response = client.post(reverse("documents:plan_recalculate", args=[plan.pk]), post,
                           HTTP_HX_REQUEST="true")

    assert text_of(response, "#results-error").startswith("Some figures need correcting")
    assert [li.get_text() for li in soup(response).select(
        '#errors-fixed_costs-1[hx-swap-oob="true"] li')] == [
        "Amount: Enter zero or a positive number."]


def test_changing_the_months_sends_a_wider_sales_table(client, plan, founder):
    client.force_login(founder)
    post = post_data(FIXTURE_DATA)
    post["months"] = "24"

    response = client.post(reverse("documents:plan_recalculate", args=[plan.pk]), post,
                           HTTP_HX_REQUEST="true")

    table = soup(response).select_one('#sales-table[hx-swap-oob="true"]')
    assert len(table.select('input[name^="products.0.units."]')) == 24
    assert table.select_one('input[name="products.0.units.23"]')["value"] == ""
    assert table.select_one('input[name="products.0.units.11"]')["value"] == "180"
    assert text_of(response, "#total-revenue") == f"15{NBSP}785,00{NBSP}₼"


def test_submit_and_pdf_from_the_portal(client, plan, founder, django_capture_on_commit_callbacks):
    business_plan_update_section(plan=plan, actor=founder, key="executive_summary", text="Hi")
    client.force_login(founder)

    response = client.post(reverse("documents:plan_submit", args=[plan.pk]))
    assert messages_text(client.get(response.url)) == [
        "Version 1 was sent to the advisers for review."]
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("documents:plan_pdf", args=[plan.pk]))

    document = Document.objects.get()
    assert response.url == reverse("documents:detail", args=[document.pk])
    assert client.get(response.url).status_code == 200
    page = client.get(reverse("documents:plan_detail", args=[plan.pk]))
    assert text_of(page, "#plan-status") == "Submitted for review"
    assert soup(page).select("#financials-form") == []
    assert soup(page).select("#submit-plan") == []


def test_the_advisers_comments_and_the_version_history_are_shown(client, plan, founder,
                                                                adviser):
    submitted(plan, founder)
    business_plan_review(plan=plan, actor=adviser, decision="changes_requested",
                         comments="Add <b>rent</b>.")
    client.force_login(founder)

    response = client.get(reverse("documents:plan_detail", args=[plan.pk]))

    assert text_of(response, "#adviser-comments .comments") == "Add <b>rent</b>."
    rows = soup(response).select("#history tbody tr")
    assert [(tr.select("td")[0].get_text(), tr.select_one("td .status").get_text(),
             tr.select("td")[3].get_text()) for tr in rows] == [
        ("1", "Changes requested", "Add <b>rent</b>.")]


# --- Admin -------------------------------------------------------------------------------

def test_the_adviser_lists_filters_and_exports_plans(client, plan, founder, adviser):
    other = business_plan_create(enterprise=EnterpriseFactory(name="Balakən Fındıq"),
                                 actor=None, title="Nuts", language="az",
                                 start_month=datetime.date(2026, 1, 1))
    submitted(plan, founder)
    client.force_login(adviser)

    listing = client.get(reverse("business_plans:index"))
    submitted_only = client.get(reverse("business_plans:index"), {"status": "submitted"})
    export = client.get(reverse("business_plans:index"), {"export": "csv", "language": "az"})

    assert sorted(p.pk for p in listing.context["object_list"]) == sorted([plan.pk, other.pk])
    assert [p.pk for p in submitted_only.context["object_list"]] == [plan.pk]
    assert reverse("business_plans:review", args=[plan.pk]) in submitted_only.content.decode()
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["Title", "Enterprise", "Status", "Language", "Latest version",
                       "First month of the forecast", "Created", "Updated"]
    assert [row[:5] for row in rows[1:]] == [["Nuts", "Balakən Fındıq", "Draft", "az", ""]]


def test_the_adviser_reviews_the_latest_version_in_the_admin(client, plan, founder, adviser):
    business_plan_update_financials(plan=plan, actor=founder, data=FIXTURE_DATA)
    submitted(plan, founder, summary=EVIL)
    # Changes after submitting do not reach the version the adviser reads.
    url = reverse("business_plans:review", args=[plan.pk])
    client.force_login(adviser)

    page = client.get(url)

    html = page.content.decode()
    assert page.status_code == 200
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ x }}" in html
    assert text_of(page, ".plan-facts").startswith("Enterprise Şəki Halva Evi")
    assert len(soup(page).select("table.figures")) == 2
    assert len(soup(page).select("svg.chart")) == 2

    response = client.post(url, {"decision": "changes_requested", "comments": ""})
    assert response.status_code == 200
    assert BusinessPlanVersion.objects.get().decision == "pending"

    response = client.post(url, {"decision": "approved", "comments": "Well done."})
    assert response.url == reverse("business_plans:index")
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert BusinessPlanVersion.objects.get().review_comments == "Well done."


def test_staff_without_the_review_permission_cannot_review_or_edit(client, plan, founder):
    submitted(plan, founder)
    staff = UserFactory(is_staff=True, preferred_language="en")
    staff.groups.add(Group.objects.get(name="Event managers"))
    superuser = UserFactory(is_staff=True, is_superuser=True, preferred_language="en")

    client.force_login(staff)
    review = client.get(reverse("business_plans:review", args=[plan.pk]))
    client.force_login(superuser)
    edit = client.get(reverse("business_plans:edit", args=[plan.pk]))
    add = client.get(reverse("business_plans:add"))
    # Wagtail answers a refused admin screen with a redirect to the dashboard.
    home = reverse("wagtailadmin_home")
    assert [(r.status_code, r.url) for r in (review, edit, add)] == [(302, home)] * 3
    assert BusinessPlanVersion.objects.get().decision == "pending"


def test_an_empty_plan_still_makes_a_pdf(plan, founder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = business_plan_pdf_request(plan=plan, actor=founder)

    document.refresh_from_db()
    assert document.status == "ready", document.error
    with document.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "This section has not been written yet." in text
    assert "Not within the forecast" in text


def test_the_review_screen_of_a_decided_version_has_no_form(client, plan, founder, adviser):
    submitted(plan, founder)
    business_plan_review(plan=plan, actor=adviser, decision="approved")
    client.force_login(adviser)
    url = reverse("business_plans:review", args=[plan.pk])

    page = client.get(url)
    response = client.post(url, {"decision": "changes_requested", "comments": "Again"})

    assert text_of(page, "#not-awaiting") == "This version is not waiting for a review."
    assert soup(page).select('input[name="decision"]') == []
    assert response.url == url
    assert BusinessPlanVersion.objects.get().decision == "approved"
