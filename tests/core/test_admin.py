import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from core.models import Centre, Enterprise, Membership
from tests.core.conftest import soup
from tests.factories.core import CentreFactory, EnterpriseFactory, UserFactory, member_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ENTERPRISE_HEADER = ["Name", "Kind", "Region", "Centre", "Sector", "Founding date",
                     "Women-led", "Employees", "Members"]
CENTRE_HEADER = ["Name", "Slug", "Kind", "Programme", "Region", "Address", "Phone", "E-mail",
                 "Latitude", "Longitude", "Active", "Enterprises"]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True,
                                   email="admin@yuva.test"))
    client.cookies["django_language"] = "en"
    return client


def in_group(client, group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return user


def listed_names(response):
    assert response.status_code == 200
    return [a.get_text(strip=True)
            for a in soup(response).select("table.listing tbody td.title .title-wrapper a")]


def admin_messages(response):
    """Wagtail's messages, without the "Go to the first error" button of error ones."""
    texts = []
    for li in soup(response).select(".messages ul > li"):
        for button in li.select("button"):
            button.decompose()
        texts.append(li.get_text(strip=True))
    return texts


def export_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    body = b"".join(response.streaming_content).decode("utf-8")
    return response, list(csv.reader(io.StringIO(body)))


@pytest.fixture
def guba_factory():
    return CentreFactory(name="Quba ABAD fabriki", slug="guba-factory",
                         kind=Centre.Kind.FACTORY, programme=Centre.Programme.ABAD,
                         region="guba", address="Quba, Heydər Əliyev pr. 5")


@pytest.fixture
def three_enterprises(guba_factory):
    innoland = CentreFactory(name="INNOLAND Bakı", slug="innoland-baku")
    alma = EnterpriseFactory(name="Alma Evi", kind=Enterprise.Kind.FAMILY, region="guba",
                             centre=guba_factory, sector=Enterprise.Sector.FOOD,
                             women_led=True, employees=4, founded_on=datetime.date(2020, 6, 1))
    member_of(alma)
    member_of(alma)
    bulud = EnterpriseFactory(name="Bulud Tech", kind=Enterprise.Kind.STARTUP, region="baku",
                              centre=innoland, sector=Enterprise.Sector.SOFTWARE,
                              women_led=True, employees=12,
                              founded_on=datetime.date(2023, 1, 15))
    member_of(bulud)
    xalca = EnterpriseFactory(name="Xalça Ailəsi", kind=Enterprise.Kind.FAMILY, region="sheki",
                              centre=None, sector=Enterprise.Sector.CRAFT,
                              women_led=False, employees=0, founded_on=None)
    return alma, bulud, xalca


# --- listings ---------------------------------------------------------------------------


def test_staff_sees_the_enterprise_listing(staff_client, three_enterprises):
    response = staff_client.get(reverse("enterprises:index"))

    assert listed_names(response) == ["Alma Evi", "Bulud Tech", "Xalça Ailəsi"]
    headings = [th.get_text(strip=True) for th in soup(response).select("table.listing thead th")]
    assert headings == ["Name", "Kind", "Region", "Centre", "Sector", "Women-led", "Employees",
                        "Members"]


def test_staff_sees_the_centre_listing(staff_client, three_enterprises, guba_factory):
    response = staff_client.get(reverse("centres:index"))

    assert listed_names(response) == ["INNOLAND Bakı", "Quba ABAD fabriki"]


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=family", ["Alma Evi", "Xalça Ailəsi"]),
    ("kind=startup", ["Bulud Tech"]),
    ("region=guba", ["Alma Evi"]),
    ("region=sheki", ["Xalça Ailəsi"]),
    ("region=ganja", []),
    ("women_led=true", ["Alma Evi", "Bulud Tech"]),
    ("women_led=false", ["Xalça Ailəsi"]),
    ("kind=family&women_led=true", ["Alma Evi"]),
    ("sector=craft", ["Xalça Ailəsi"]),
])
def test_enterprise_filters(staff_client, three_enterprises, query, expected):
    response = staff_client.get(f"{reverse('enterprises:index')}?{query}")

    assert listed_names(response) == expected


def test_centre_filters(staff_client, three_enterprises, guba_factory):
    index = reverse("centres:index")

    assert listed_names(staff_client.get(f"{index}?kind=factory")) == ["Quba ABAD fabriki"]
    assert listed_names(staff_client.get(f"{index}?programme=innoland")) == ["INNOLAND Bakı"]
    assert listed_names(staff_client.get(f"{index}?region=guba")) == ["Quba ABAD fabriki"]


def test_enterprise_search(staff_client, three_enterprises):
    response = staff_client.get(f"{reverse('enterprises:index')}?q=Bulud")

    assert listed_names(response) == ["Bulud Tech"]


def test_enterprise_listing_runs_the_same_queries_for_1_and_10_rows(staff_client):
    index = reverse("enterprises:index")

    def count_queries(expected_rows):
        with CaptureQueriesContext(connection) as ctx:
            response = staff_client.get(index)
        assert len(listed_names(response)) == expected_rows
        return len(ctx.captured_queries)

    member_of(EnterpriseFactory())
    staff_client.get(index)  # warm up
    with_one = count_queries(1)
    for _ in range(9):
        enterprise = EnterpriseFactory(centre=CentreFactory())
        member_of(enterprise)
        member_of(enterprise)
    with_ten = count_queries(10)

    assert with_ten == with_one


def test_centre_listing_runs_the_same_queries_for_1_and_10_rows(staff_client):
    index = reverse("centres:index")

    def count_queries(expected_rows):
        with CaptureQueriesContext(connection) as ctx:
            response = staff_client.get(index)
        assert len(listed_names(response)) == expected_rows
        return len(ctx.captured_queries)

    EnterpriseFactory()
    staff_client.get(index)
    with_one = count_queries(1)
    for _ in range(9):
        EnterpriseFactory()
    with_ten = count_queries(10)

    assert with_ten == with_one


# --- exports ----------------------------------------------------------------------------


def test_enterprise_csv_export(staff_client, three_enterprises):
    response, rows = export_csv(staff_client, f"{reverse('enterprises:index')}?export=csv")

    assert response["Content-Disposition"] == 'attachment; filename="enterprises.csv"'
    assert rows == [
        ENTERPRISE_HEADER,
        ["Alma Evi", "family", "guba", "Quba ABAD fabriki", "food", "2020-06-01", "True", "4",
         "2"],
        ["Bulud Tech", "startup", "baku", "INNOLAND Bakı", "software", "2023-01-15", "True",
         "12", "1"],
        ["Xalça Ailəsi", "family", "sheki", "", "craft", "", "False", "0", "0"],
    ]


def test_enterprise_csv_export_follows_the_filters(staff_client, three_enterprises):
    _response, rows = export_csv(
        staff_client, f"{reverse('enterprises:index')}?export=csv&kind=family&women_led=false",
    )

    assert rows == [
        ENTERPRISE_HEADER,
        ["Xalça Ailəsi", "family", "sheki", "", "craft", "", "False", "0", "0"],
    ]


def test_centre_csv_export(staff_client, three_enterprises, guba_factory):
    _response, rows = export_csv(staff_client, f"{reverse('centres:index')}?export=csv")

    assert rows == [
        CENTRE_HEADER,
        ["INNOLAND Bakı", "innoland-baku", "incubation_centre", "innoland", "baku",
         "Bakı, Nizami küçəsi 1", "", "", "", "", "True", "1"],
        ["Quba ABAD fabriki", "guba-factory", "factory", "abad", "guba",
         "Quba, Heydər Əliyev pr. 5", "", "", "", "", "True", "1"],
    ]


def test_enterprise_xlsx_export_is_a_valid_workbook(staff_client, three_enterprises):
    response = staff_client.get(f"{reverse('enterprises:index')}?export=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="enterprises.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Sheet1"]
    rows = list(workbook["Sheet1"].iter_rows(values_only=True))
    assert rows[0] == tuple(ENTERPRISE_HEADER)
    assert [row[0] for row in rows[1:]] == ["Alma Evi", "Bulud Tech", "Xalça Ailəsi"]
    assert rows[1][1:4] == ("family", "guba", "Quba ABAD fabriki")
    assert rows[1][5] == datetime.date(2020, 6, 1)
    assert rows[1][6:] == (True, 4, 2)


# --- permissions ------------------------------------------------------------------------


def test_factory_technician_can_view_but_not_add_or_edit(client, three_enterprises):
    in_group(client, "Factory technicians")
    alma = three_enterprises[0]

    assert listed_names(client.get(reverse("enterprises:index"))) == [
        "Alma Evi", "Bulud Tech", "Xalça Ailəsi",
    ]
    inspect = client.get(reverse("enterprises:inspect", args=[alma.pk]))
    assert inspect.status_code == 200

    # Wagtail answers a missing permission with a redirect to the dashboard and a message.
    for response in (
        client.get(reverse("enterprises:add")),
        client.post(reverse("enterprises:add"), {"kind": "startup", "name": "Sneaky"}),
        client.get(reverse("enterprises:edit", args=[alma.pk])),
        client.post(reverse("enterprises:edit", args=[alma.pk]), {"name": "Sneaky"}),
    ):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert Enterprise.objects.filter(name="Sneaky").count() == 0
    dashboard = client.get("/admin/")
    # One message per refused request.
    assert admin_messages(dashboard) == [
        "Sorry, you do not have permission to access this area.",
    ] * 4


def test_user_without_admin_access_is_sent_to_login(client):
    client.force_login(UserFactory())

    response = client.get(reverse("enterprises:index"))

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/enterprises/"


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("enterprises:index"))

    assert (response.status_code, response.url) == (
        302, "/accounts/login/?next=/admin/enterprises/",
    )


# --- writes go through the services -----------------------------------------------------


def admin_form(**overrides):
    data = {
        "kind": "family", "name": "Balakən Fındıq", "region": "balakan", "centre": "",
        "sector": "food", "founded_on": "2019-10-10", "employees": "6",
        "description": "Fındıq ləpəsi",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_admin_add_creates_through_the_service_and_logs(staff_client, guba_factory):
    response = staff_client.post(reverse("enterprises:add"),
                                 admin_form(centre=guba_factory.pk, women_led="on"))

    assert (response.status_code, response.url) == (302, reverse("enterprises:index"))
    enterprise = Enterprise.objects.get()
    assert model_to_dict(enterprise, exclude=["id", "members"]) == {
        "kind": "family", "name": "Balakən Fındıq", "region": "balakan",
        "centre": guba_factory.pk, "sector": "food",
        "founded_on": datetime.date(2019, 10, 10), "women_led": True, "employees": 6,
        "description": "Fındıq ləpəsi",
    }
    entries = list(ModelLogEntry.objects.for_instance(enterprise).values_list("action",
                                                                             "user__email"))
    assert entries == [("wagtail.create", "admin@yuva.test")]


def test_admin_add_refuses_a_future_founding_date(staff_client):
    future = datetime.date.today() + datetime.timedelta(days=400)

    response = staff_client.post(reverse("enterprises:add"),
                                 admin_form(founded_on=future.isoformat(), employees="-1"))

    assert response.status_code == 200
    form = response.context["form"]
    assert {name: [str(e) for e in errors] for name, errors in form.errors.items()} == {
        "founded_on": ["The founding date cannot be in the future."],
        "employees": ["Ensure this value is greater than or equal to 0."],
    }
    assert Enterprise.objects.count() == 0
    assert ModelLogEntry.objects.count() == 0


def test_admin_edit_saves_through_the_service_and_logs(staff_client, three_enterprises):
    alma = three_enterprises[0]
    data = admin_form(name="Alma Evi MMC", employees="9", region="guba", kind="family",
                      centre=alma.centre_id, founded_on="2020-06-01", women_led="on",
                      description="")

    response = staff_client.post(reverse("enterprises:edit", args=[alma.pk]), data)

    assert (response.status_code, response.url) == (302, reverse("enterprises:index"))
    alma.refresh_from_db()
    assert (alma.name, alma.employees, alma.sector) == ("Alma Evi MMC", 9, "food")
    entry = ModelLogEntry.objects.for_instance(alma).get()
    assert (entry.action, entry.user.email, entry.data) == (
        "wagtail.edit", "admin@yuva.test", {"changed": ["employees", "name"]},
    )
    assert Membership.objects.filter(enterprise=alma).count() == 2


def test_programme_manager_can_edit_but_not_add(client, three_enterprises):
    manager = in_group(client, "Programme managers")
    bulud = three_enterprises[1]

    assert client.get(reverse("enterprises:add")).url == "/admin/"
    response = client.post(reverse("enterprises:edit", args=[bulud.pk]), admin_form(
        kind="startup", name="Bulud Tech", region="baku", centre=bulud.centre_id,
        sector="software", founded_on="2023-01-15", employees="15", women_led="on",
        description="",
    ))

    assert (response.status_code, response.url) == (302, reverse("enterprises:index"))
    assert Enterprise.objects.get(pk=bulud.pk).employees == 15
    entry = ModelLogEntry.objects.for_instance(bulud).get()
    assert (entry.action, entry.user, entry.data) == (
        "wagtail.edit", manager, {"changed": ["employees"]},
    )
