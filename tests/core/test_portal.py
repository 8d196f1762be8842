import datetime

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.models import Enterprise, Membership
from tests.core.conftest import field_errors, messages_text, soup
from tests.factories.core import CentreFactory, EnterpriseFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

MIN_ZERO = {
    "az": "Bu qiymətin 0-(y)a/ə bərabər və ya ondan böyük olduğunu yoxlayın.",
    "en": "Ensure this value is greater than or equal to 0.",
    "ru": "Убедитесь, что это значение больше либо равно 0.",
}
REQUIRED = {
    "az": "Bu sahə vacibdir.",
    "en": "This field is required.",
    "ru": "Требуется заполнить это поле.",
}


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def panel_links(response, title):
    """The link texts inside the portal panel headed `title`."""
    for section in soup(response).select("section.panel"):
        if section.h2.get_text(strip=True) == title:
            return [a.get_text(strip=True) for a in section.select("a")]
    raise AssertionError(f"no panel titled {title!r}")


def form_data(enterprise, **overrides):
    data = {
        "name": enterprise.name,
        "region": enterprise.region,
        "centre": enterprise.centre_id or "",
        "sector": enterprise.sector,
        "founded_on": enterprise.founded_on.isoformat() if enterprise.founded_on else "",
        "employees": enterprise.employees,
        "description": enterprise.description,
    }
    if enterprise.women_led:
        data["women_led"] = "on"
    data.update(overrides)
    return data


def db_state(enterprise):
    return model_to_dict(Enterprise.objects.get(pk=enterprise.pk))


@pytest.fixture
def enterprise():
    return EnterpriseFactory(name="Quba Alma", region="guba", employees=3,
                             founded_on=datetime.date(2022, 9, 1))


@pytest.fixture
def member(enterprise):
    return member_of(enterprise, full_name="Nigar Həsənova")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return in_language(client, "en")


# --- access -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/portal/", "/portal/profile/"])
def test_portal_requires_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={path}"


def test_enterprise_pages_require_login(client, enterprise):
    path = reverse("core:enterprise_detail", args=[enterprise.pk])

    response = client.get(path)

    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={path}")


# --- home -------------------------------------------------------------------------------


def test_home_lists_exactly_my_enterprises(client):
    mine_b = EnterpriseFactory(name="Bal Evi")
    mine_a = EnterpriseFactory(name="Asma Xalça")
    EnterpriseFactory(name="Başqasının Şirkəti")
    user = member_of(mine_b, full_name="Kamran Vəliyev")
    Membership.objects.create(enterprise=mine_a, user=user, role=Membership.Role.MEMBER)
    client.force_login(user)

    response = in_language(client, "en").get("/portal/")

    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Welcome, Kamran"
    assert panel_links(response, "My enterprises") == ["Asma Xalça", "Bal Evi"]


def test_home_without_enterprises_says_so(client):
    client.force_login(UserFactory())

    response = in_language(client, "en").get("/portal/")

    section = next(s for s in soup(response).select("section.panel")
                   if s.h2.get_text(strip=True) == "My enterprises")
    assert section.select_one("p.empty").get_text(" ", strip=True) == (
        "You are not a member of any enterprise yet. The agency's staff add you when "
        "your startup or family business joins a programme."
    )


def test_home_runs_the_same_number_of_queries_for_1_and_5_enterprises(client):
    user = UserFactory()
    client.force_login(user)
    in_language(client, "en")

    def count_queries(expected_links):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/portal/")
        assert response.status_code == 200
        assert len(panel_links(response, "My enterprises")) == expected_links
        return len(ctx.captured_queries)

    Membership.objects.create(enterprise=EnterpriseFactory(), user=user)
    client.get("/portal/")  # warm up (content types, sessions)
    with_one = count_queries(1)
    for _ in range(4):
        Membership.objects.create(enterprise=EnterpriseFactory(centre=CentreFactory()),
                                  user=user)
    with_five = count_queries(5)

    assert with_five == with_one


# --- enterprise page --------------------------------------------------------------------


def test_member_sees_the_enterprise_page(member_client, enterprise):
    response = member_client.get(reverse("core:enterprise_detail", args=[enterprise.pk]))

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Quba Alma"
    assert page.title.get_text(strip=True) == "Quba Alma · Yuva"
    facts = dict(zip(
        [dt.get_text(strip=True) for dt in page.select("dl.facts dt")],
        [dd.get_text(strip=True) for dd in page.select("dl.facts dd")],
        strict=True,
    ))
    assert facts["Employees"] == "3"
    assert facts["Sector"] == "Software"
    members = [li.get_text(" ", strip=True) for li in page.select("section.panel")[0].select("li")]
    assert members == ["Nigar Həsənova Owner"]


def test_non_member_gets_404_on_every_enterprise_page(client, enterprise):
    member_of(enterprise)
    outsider = UserFactory()
    client.force_login(outsider)
    before = db_state(enterprise)
    detail = reverse("core:enterprise_detail", args=[enterprise.pk])
    edit = reverse("core:enterprise_edit", args=[enterprise.pk])

    assert client.get(detail).status_code == 404
    assert client.get(edit).status_code == 404
    response = client.post(edit, form_data(enterprise, name="Hijacked", employees=99))

    assert response.status_code == 404
    assert db_state(enterprise) == before
    assert ModelLogEntry.objects.for_instance(enterprise).count() == 0


def test_unknown_enterprise_is_404(member_client):
    assert member_client.get(reverse("core:enterprise_detail", args=[999_999])).status_code == 404


# --- edit -------------------------------------------------------------------------------


def test_edit_form_shows_the_current_values(member_client, enterprise):
    response = member_client.get(reverse("core:enterprise_edit", args=[enterprise.pk]))

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Edit Quba Alma"
    assert page.select_one("#id_name")["value"] == "Quba Alma"
    assert page.select_one("#id_founded_on")["value"] == "2022-09-01"
    assert page.select_one("#id_employees")["value"] == "3"


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_invalid_edit_shows_translated_errors_and_changes_nothing(
    client, member, enterprise, language,
):
    client.force_login(member)
    in_language(client, language)
    before = db_state(enterprise)
    future = timezone.localdate() + datetime.timedelta(days=30)

    response = client.post(
        reverse("core:enterprise_edit", args=[enterprise.pk]),
        form_data(enterprise, name="", founded_on=future.isoformat(), employees="-1"),
    )

    assert response.status_code == 200
    assert soup(response).html["lang"] == language
    errors = field_errors(response)
    # Django's own messages come translated in every language.
    assert errors["name"] == [REQUIRED[language]]
    assert errors["employees"] == [MIN_ZERO[language]]
    assert sorted(errors) == ["employees", "founded_on", "name"]
    if language == "en":
        assert errors["founded_on"] == ["The founding date cannot be in the future."]
    assert db_state(enterprise) == before
    assert ModelLogEntry.objects.for_instance(enterprise).count() == 0


def test_future_founding_date_alone_is_refused(member_client, enterprise):
    before = db_state(enterprise)
    future = timezone.localdate() + datetime.timedelta(days=1)

    response = member_client.post(
        reverse("core:enterprise_edit", args=[enterprise.pk]),
        form_data(enterprise, name="Renamed", founded_on=future.isoformat()),
    )

    assert response.status_code == 200
    assert field_errors(response) == {
        "founded_on": ["The founding date cannot be in the future."],
    }
    assert db_state(enterprise) == before


def test_preferred_language_is_used_without_a_cookie(client, enterprise):
    user = member_of(enterprise, preferred_language="ru")
    client.force_login(user)

    response = client.post(
        reverse("core:enterprise_edit", args=[enterprise.pk]),
        form_data(enterprise, employees="-1"),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert field_errors(response) == {"employees": [MIN_ZERO["ru"]]}


def test_accept_language_is_used_when_nothing_else_says(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ru")

    assert soup(response).html["lang"] == "ru"


def test_valid_edit_saves_and_logs(member_client, member, enterprise):
    centre = CentreFactory(name="Quba ABAD fabriki")

    response = member_client.post(
        reverse("core:enterprise_edit", args=[enterprise.pk]),
        form_data(enterprise, name="Quba Alma Kooperativi", employees="12", women_led="on",
                  centre=centre.pk, founded_on="2021-04-30", description="Alma qurusu"),
        follow=True,
    )

    assert response.redirect_chain == [
        (reverse("core:enterprise_detail", args=[enterprise.pk]), 302),
    ]
    assert messages_text(response) == ["The enterprise profile was saved."]
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.employees, enterprise.women_led, enterprise.centre,
            enterprise.founded_on, enterprise.description) == (
        "Quba Alma Kooperativi", 12, True, centre, datetime.date(2021, 4, 30), "Alma qurusu",
    )
    entry = ModelLogEntry.objects.for_instance(enterprise).get()
    assert (entry.action, entry.user) == ("wagtail.edit", member)
    assert entry.data == {
        "changed": ["centre", "description", "employees", "founded_on", "name", "women_led"],
    }
