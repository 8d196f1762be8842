"""Startup profiles: services, the founders' portal pages, the public directory
selector and the staff screen."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.errors import DomainError
from core.models import Enterprise, Membership
from incubator.models import Startup
from incubator.selectors import startups_in_directory
from incubator.services import (
    startup_create,
    startup_profile_create,
    startup_profile_ensure,
    startup_update,
)
from tests.factories.core import CentreFactory, EnterpriseFactory, UserFactory
from tests.incubator.conftest import (
    count_queries,
    field_errors,
    founder_of,
    messages_text,
    new_startup,
    texts,
)

pytestmark = pytest.mark.django_db


# --- services -------------------------------------------------------------------------

def test_startup_create_makes_the_enterprise_its_owner_and_the_profile():
    owner = UserFactory()
    centre = CentreFactory(name="INNOLAND Bakı")

    startup = startup_create(actor=owner, owner=owner, name="Bulud Kassa", region="baku",
                             sector="fintech", centre=centre, stage="mvp",
                             technology="Django", capital_raised=Decimal("1500.50"),
                             public_profile=True)

    enterprise = startup.enterprise
    assert (enterprise.kind, enterprise.name, enterprise.centre) == (
        Enterprise.Kind.STARTUP, "Bulud Kassa", centre)
    assert list(enterprise.memberships.values_list("user__email", "role")) == [
        (owner.email, Membership.Role.OWNER)]
    assert (startup.stage, startup.technology, startup.capital_raised,
            startup.public_profile) == ("mvp", "Django", Decimal("1500.50"), True)
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(startup.pk),
                                        content_type__model="startup").count() == 1


def test_startup_create_with_a_bad_field_saves_nothing():
    owner = UserFactory()

    with pytest.raises(ValidationError) as caught:
        startup_create(actor=owner, owner=owner, name="Bulud", region="baku",
                       sector="fintech", website="ftp://bulud.az")

    assert caught.value.message_dict == {"website": ["Enter a valid URL."]}
    assert Enterprise.objects.count() == 0
    assert Startup.objects.count() == 0


def test_a_startup_profile_is_refused_for_a_family_business_and_a_second_time():
    family = EnterpriseFactory(kind=Enterprise.Kind.FAMILY, name="Quba Mürəbbə")
    startup = new_startup("Tarla")

    with pytest.raises(DomainError) as family_error:
        startup_profile_create(enterprise=family, actor=None)
    with pytest.raises(DomainError) as twice:
        startup_profile_create(enterprise=startup.enterprise, actor=None)

    assert family_error.value.message == "Only a startup can have a startup profile."
    assert twice.value.message == "Tarla already has a startup profile."


def test_startup_profile_ensure_returns_the_existing_profile_or_creates_one():
    existing = new_startup()
    bare = EnterpriseFactory(kind=Enterprise.Kind.STARTUP)

    assert startup_profile_ensure(enterprise=existing.enterprise, actor=None) == existing
    created = startup_profile_ensure(enterprise=bare, actor=None)
    assert (created.enterprise, created.stage) == (bare, Startup.Stage.IDEA)
    assert startup_profile_ensure(enterprise=bare, actor=None) == created


def test_startup_update_changes_both_records_and_logs_the_fields():
    startup = new_startup("Bulud")
    actor = UserFactory()

    startup_update(startup=startup, actor=actor, stage="revenue", name="Bulud Kassa",
                   employees=12)

    startup.refresh_from_db()
    startup.enterprise.refresh_from_db()
    assert (startup.stage, startup.enterprise.name, startup.enterprise.employees) == (
        "revenue", "Bulud Kassa", 12)
    entry = ModelLogEntry.objects.get(action="wagtail.edit", object_id=str(startup.pk),
                                      content_type__model="startup")
    assert entry.data == {"changed": ["stage"]}


def test_startup_update_refused_on_one_record_changes_neither():
    startup = new_startup("Bulud")

    with pytest.raises(ValidationError):
        startup_update(startup=Startup.objects.get(pk=startup.pk), actor=None, stage="scale",
                       capital_raised=Decimal("-1"))
    with pytest.raises(ValidationError):
        startup_update(startup=Startup.objects.get(pk=startup.pk), actor=None, stage="scale",
                       name="")

    startup.refresh_from_db()
    assert (startup.stage, startup.capital_raised, startup.enterprise.name) == (
        "mvp", Decimal("0"), "Bulud")


def test_the_directory_lists_only_startups_that_opted_in_with_their_centre_joined(
        django_assert_num_queries):
    centre = CentreFactory(name="INNOLAND Şəki")
    shown = StartupInDirectory = new_startup("Açıq", centre=centre)
    StartupInDirectory.public_profile = True
    StartupInDirectory.save()
    new_startup("Gizli")
    second = new_startup("Bulud")
    Startup.objects.filter(pk=second.pk).update(public_profile=True)

    with django_assert_num_queries(1):
        listed = [(s.enterprise.name, s.enterprise.centre.name if s.enterprise.centre else "")
                  for s in startups_in_directory()]

    assert listed == [("Açıq", "INNOLAND Şəki"), ("Bulud", second.enterprise.centre.name)]
    assert shown.pk in {s.pk for s in startups_in_directory()}


# --- portal ---------------------------------------------------------------------------

def test_my_startups_lists_mine_and_the_enterprises_missing_a_profile(client):
    mine = new_startup("Bulud Kassa")
    user = founder_of(mine)
    bare = EnterpriseFactory(kind=Enterprise.Kind.STARTUP, name="Yarımçıq")
    Membership.objects.create(enterprise=bare, user=user)
    new_startup("Başqasının")
    client.force_login(user)

    response = client.get(reverse("incubator:startup_list"))

    assert [t.split(" ")[0] for t in texts(response, "main ul.link-list li a")] == [
        "Bulud", "Yarımçıq"]
    assert reverse("incubator:startup_profile_new", args=[bare.pk]) in response.content.decode()


def test_a_founder_registers_a_startup_in_the_portal(client):
    user = UserFactory(preferred_language="en")
    centre = CentreFactory(name="INNOLAND Bakı")
    client.force_login(user)

    response = client.post(reverse("incubator:startup_new"), {
        "name": "Yaşıl Kuryer", "region": "baku", "centre": centre.pk, "sector": "logistics",
        "employees": "4", "stage": "idea", "team_size": "3", "capital_raised": "0",
        "public_profile": "on", "website": "https://kuryer.az",
    })

    startup = Startup.objects.get(enterprise__name="Yaşıl Kuryer")
    assert response.status_code == 302
    assert response["Location"] == reverse("incubator:startup_detail", args=[startup.pk])
    assert (startup.public_profile, startup.website, startup.enterprise.centre) == (
        True, "https://kuryer.az", centre)
    assert startup.enterprise.memberships.get().user == user


def test_registering_with_a_script_as_website_is_refused(client):
    client.force_login(UserFactory(preferred_language="en"))

    response = client.post(reverse("incubator:startup_new"), {
        "name": "Yaşıl Kuryer", "region": "baku", "sector": "logistics", "employees": "4",
        "stage": "idea", "team_size": "3",
        "capital_raised": "0", "website": "javascript:alert(1)",
    })

    assert response.status_code == 200
    assert field_errors(response) == {"website": ["Enter a valid URL."]}
    assert Enterprise.objects.count() == 0


def test_a_refused_founding_date_comes_back_on_its_field(client):
    client.force_login(UserFactory(preferred_language="en"))

    response = client.post(reverse("incubator:startup_new"), {
        "name": "Yaşıl Kuryer", "region": "baku", "sector": "logistics", "employees": "4",
        "founded_on": "2999-01-01", "stage": "idea", "team_size": "3",
        "capital_raised": "0",
    })

    assert field_errors(response) == {
        "founded_on": ["The founding date cannot be in the future."]}
    assert Enterprise.objects.count() == 0


def test_a_member_completes_the_profile_of_a_startup_enterprise(client):
    bare = EnterpriseFactory(kind=Enterprise.Kind.STARTUP, name="Yarımçıq")
    user = UserFactory()
    Membership.objects.create(enterprise=bare, user=user)
    client.force_login(user)

    response = client.post(reverse("incubator:startup_profile_new", args=[bare.pk]), {
        "stage": "mvp", "team_size": "2", "capital_raised": "100", "pitch": "Qısa təsvir",
    })

    startup = Startup.objects.get(enterprise=bare)
    assert response["Location"] == reverse("incubator:startup_detail", args=[startup.pk])
    assert (startup.stage, startup.capital_raised, startup.pitch) == (
        "mvp", Decimal("100.00"), "Qısa təsvir")


def test_the_founder_edits_the_profile_and_opts_in_to_the_directory(founder_client, startup):
    response = founder_client.post(reverse("incubator:startup_edit", args=[startup.pk]), {
        "name": "Bulud Kassa Pro", "region": "sheki", "sector": "fintech", "employees": "5",
        "stage": "revenue", "team_size": "5", "capital_raised": "2500",
        "public_profile": "on",
    })

    assert response.status_code == 302
    startup.refresh_from_db()
    assert (startup.enterprise.name, startup.enterprise.region, startup.stage,
            startup.public_profile) == ("Bulud Kassa Pro", "sheki", "revenue", True)
    assert list(startups_in_directory()) == [startup]
    assert messages_text(founder_client.get(response["Location"])) == [
        "The startup profile was saved."]


@pytest.mark.parametrize("name", ["startup_detail", "startup_edit", "impact_list",
                                  "impact_file"])
def test_another_startups_pages_answer_404(founder_client, name):
    other = new_startup("Başqasının")

    assert founder_client.get(reverse(f"incubator:{name}", args=[other.pk])).status_code == 404
    assert founder_client.post(reverse(f"incubator:{name}", args=[other.pk]),
                               {}).status_code == 404


def test_pages_need_a_login(client, startup):
    response = client.get(reverse("incubator:startup_detail", args=[startup.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my_startups_runs_the_same_queries_for_1_and_5_startups(client):
    user = founder_of(new_startup())
    client.force_login(user)
    url = reverse("incubator:startup_list")

    def rows(response):
        return len(texts(response, "main ul.link-list li"))

    client.get(url)
    one = count_queries(client, url, rows=1, rows_of=rows)
    for _ in range(4):
        Membership.objects.create(enterprise=new_startup(centre=CentreFactory()).enterprise,
                                  user=user)
    assert count_queries(client, url, rows=5, rows_of=rows) == one


# --- staff ----------------------------------------------------------------------------

def listed(response):
    return [s.enterprise.name for s in response.context["object_list"]]


def test_staff_startup_listing_runs_the_same_queries_for_1_and_10_rows(staff_client):
    from incubator.models import MentorAssignment
    from tests.factories.incubator import MentorFactory

    url = reverse("startups:index")
    MentorAssignment.objects.create(mentor=MentorFactory(), startup=new_startup(),
                                    started_on="2025-01-01")
    staff_client.get(url)
    one = count_queries(staff_client, url, rows=1, rows_of=lambda r: len(listed(r)))
    for _ in range(9):
        startup = new_startup(centre=CentreFactory())
        MentorAssignment.objects.create(mentor=MentorFactory(), startup=startup,
                                        started_on="2025-01-01")

    assert count_queries(staff_client, url, rows=10, rows_of=lambda r: len(listed(r))) == one


@pytest.fixture
def three_startups(db):
    baku = CentreFactory(name="INNOLAND Bakı", region="baku")
    sheki = CentreFactory(name="INNOLAND Şəki", region="sheki")
    a = new_startup("Açıq Bank", sector="fintech", region="baku", centre=baku,
                    women_led=True)
    b = new_startup("Bağ Sensor", sector="agritech", region="sheki", centre=sheki)
    c = new_startup("Canlı Dərs", sector="edtech", region="baku", centre=baku)
    Startup.objects.filter(pk=a.pk).update(stage="revenue", public_profile=True)
    Startup.objects.filter(pk=b.pk).update(stage="idea")
    Startup.objects.filter(pk=c.pk).update(stage="revenue")
    return {"a": a, "b": b, "c": c, "baku": baku, "sheki": sheki}


@pytest.mark.parametrize(("query", "expected"), [
    ("stage=revenue", ["Açıq Bank", "Canlı Dərs"]),
    ("sector=agritech", ["Bağ Sensor"]),
    ("region=baku", ["Açıq Bank", "Canlı Dərs"]),
    ("women_led=true", ["Açıq Bank"]),
    ("public_profile=false", ["Bağ Sensor", "Canlı Dərs"]),
    ("q=sensor", ["Bağ Sensor"]),
])
def test_staff_startup_filters(staff_client, three_startups, query, expected):
    response = staff_client.get(f"{reverse('startups:index')}?{query}")

    assert listed(response) == expected


def test_staff_startup_filter_by_centre(staff_client, three_startups):
    response = staff_client.get(
        f"{reverse('startups:index')}?centre={three_startups['sheki'].pk}")

    assert listed(response) == ["Bağ Sensor"]


def test_staff_export_the_startups_as_csv(staff_client, three_startups):
    response = staff_client.get(f"{reverse('startups:index')}?export=csv&stage=revenue")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        ["Name", "Stage", "Sector", "Region", "Centre", "Women-led", "Employees", "Team size",
         "Technology", "Website", "Capital raised (₼)", "In the public directory", "Mentors"],
        ["Açıq Bank", "Revenue", "Fintech", "Baku", "INNOLAND Bakı", "True", "3", "3",
         "Django", "", "0.00", "True", "0"],
        ["Canlı Dərs", "Revenue", "Edtech", "Baku", "INNOLAND Bakı", "False", "3", "3",
         "Django", "", "0.00", "False", "0"],
    ]


def test_staff_register_a_startup_through_the_service(staff_client, staff_user):
    response = staff_client.post(reverse("startups:add"), {
        "name": "Yeni Startap", "region": "baku", "sector": "software", "employees": "2",
        "stage": "idea", "team_size": "2", "capital_raised": "0",
    })

    startup = Startup.objects.get(enterprise__name="Yeni Startap")
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(action="wagtail.create", user=staff_user,
                                        object_id=str(startup.enterprise_id),
                                        content_type__model="enterprise").count() == 1


def test_staff_add_the_profile_of_an_existing_startup_enterprise(staff_client):
    bare = EnterpriseFactory(kind=Enterprise.Kind.STARTUP, name="Köhnə Startap")

    response = staff_client.post(reverse("startups:add"), {
        "existing": bare.pk, "stage": "scale", "team_size": "20", "capital_raised": "0",
    })

    assert response.status_code == 302
    assert Startup.objects.get(enterprise=bare).stage == "scale"
    assert Enterprise.objects.count() == 1


def test_staff_registering_without_a_name_is_refused(staff_client):
    response = staff_client.post(reverse("startups:add"), {
        "region": "baku", "sector": "software", "stage": "idea", "team_size": "2",
        "capital_raised": "0",
    })

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["This field is required for a new enterprise."]}
    assert Startup.objects.count() == 0


def test_staff_edit_goes_through_the_service(staff_client, three_startups):
    startup = three_startups["b"]

    response = staff_client.post(reverse("startups:edit", args=[startup.pk]), {
        "name": "Bağ Sensor Plus", "region": "sheki", "sector": "agritech", "employees": "3",
        "stage": "mvp", "team_size": "4", "capital_raised": "-5",
    })

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "capital_raised": ["Ensure this value is greater than or equal to 0."]}
    startup.refresh_from_db()
    assert (startup.enterprise.name, startup.stage) == ("Bağ Sensor", "idea")


def test_nobody_may_delete_a_startup(staff_client, three_startups):
    response = staff_client.post(reverse("startups:delete", args=[three_startups["a"].pk]))

    assert response.status_code == 302
    assert Startup.objects.count() == 3
