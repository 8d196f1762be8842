"""Onboarding: a family applies from the portal; an adviser accepts it in the back office
(enterprise, family, household, members' portal access, service requests, e-mails) or
declines it with a reason."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from core.models import Enterprise, Membership
from families.models import Family, FamilyApplication, HouseholdMember, ServiceRequest
from families.services.families import application_accept, application_decline
from tests.factories import UserFactory
from tests.factories.families import AbadCentreFactory
from tests.families.helpers import messages_text, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return UserFactory(email="nigar@example.az", full_name="Nigar Məmmədova",
                       preferred_language="en")


@pytest.fixture
def adviser():
    user = UserFactory(is_staff=True, full_name="Səbinə İsmayılova")
    user.groups.add(Group.objects.get(name="ABAD advisers"))
    return user


def form_data(**overrides):
    data = {
        "a-business_name": "Gəncə Nar Evi", "a-trade": "juice",
        "a-products": "Pomegranate syrup and narsharab", "a-region": "ganja",
        "a-settlement": "Zurnabad", "a-women_led": "on", "a-relation": "head",
        "a-gender": "female", "a-birth_year": "1985", "a-role": "Cooks",
        "a-help_needed": ["branding", "certification"], "a-help_note": "Shops want a label.",
        "m-TOTAL_FORMS": "4", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "8",
        "m-0-name": "Rauf Məmmədov", "m-0-relation": "spouse", "m-0-gender": "male",
        "m-0-birth_year": "1982", "m-0-role": "Buys fruit", "m-0-email": "rauf@example.az",
        "m-1-name": "Aynur Məmmədova", "m-1-relation": "child", "m-1-gender": "female",
        "m-1-birth_year": "2007",
    }
    data.update(overrides)
    return data


def apply(client, applicant, **overrides):
    client.force_login(applicant)
    return client.post(reverse("families:apply"), form_data(**overrides),
                       HTTP_ACCEPT_LANGUAGE="en", follow=True)


def test_applying_from_the_portal(client, applicant):
    response = apply(client, applicant)
    assert messages_text(response) == [
        "Your application was sent. An ABAD adviser will answer you by e-mail."]
    application = FamilyApplication.objects.get()
    assert (application.business_name, application.trade_kind, application.trade,
            application.region, application.women_led, application.help_needed) == (
        "Gəncə Nar Evi", "food", "juice", "ganja", True, ["branding", "certification"])
    assert [(m["name"], m["relation"], m["email"], m["is_applicant"])
            for m in application.members] == [
        ("Nigar Məmmədova", "head", "nigar@example.az", True),
        ("Rauf Məmmədov", "spouse", "rauf@example.az", False),
        ("Aynur Məmmədova", "child", "", False)]
    assert [li.get_text(" ", strip=True) for li in soup(response).select("main .panel li")] == [
        f"Gəncə Nar Evi {timezone.localtime(application.created_at):%d.%m.%Y} Submitted"]

    again = apply(client, applicant)
    assert [li.get_text() for li in soup(again).select(".errorlist li")] == [
        "You already have an application waiting for a decision."]
    assert FamilyApplication.objects.count() == 1


def test_a_member_row_needs_relation_and_gender(client, applicant):
    response = apply(client, applicant, **{"m-1-relation": ""})
    assert [li.get_text() for li in soup(response).select(".errorlist li")] == [
        "Say how this person is related and their gender."]
    assert FamilyApplication.objects.count() == 0


@pytest.mark.usefixtures("english")
def test_accepting_creates_the_family_and_gives_members_access(
        client, applicant, adviser, django_capture_on_commit_callbacks):
    apply(client, applicant)
    application = FamilyApplication.objects.get()
    centre = AbadCentreFactory()
    with django_capture_on_commit_callbacks(execute=True):
        family = application_accept(application=application, actor=adviser, adviser=adviser,
                                    centre=centre)
    enterprise = family.enterprise
    assert (enterprise.kind, enterprise.name, enterprise.region, enterprise.centre,
            enterprise.sector, enterprise.women_led, enterprise.employees) == (
        Enterprise.Kind.FAMILY, "Gəncə Nar Evi", "ganja", centre, "food", True, 3)
    assert (family.trade, family.stage, family.adviser, family.settlement) == (
        "juice", Family.Stage.ONBOARDING, adviser, "Zurnabad")
    rauf = Membership.objects.get(enterprise=enterprise, role="member").user
    assert (rauf.email, rauf.full_name, rauf.has_usable_password()) == (
        "rauf@example.az", "Rauf Məmmədov", False)
    assert EmailAddress.objects.get(user=rauf).verified is True
    assert Membership.objects.get(enterprise=enterprise, role="owner").user == applicant
    assert [(m.name, m.user) for m in HouseholdMember.objects.filter(family=family)] == [
        ("Nigar Məmmədova", applicant), ("Rauf Məmmədov", rauf), ("Aynur Məmmədova", None)]
    assert sorted(ServiceRequest.objects.filter(family=family).values_list("kind", "status")) == [
        ("branding", "assigned"), ("certification", "assigned")]
    application.refresh_from_db()
    assert (application.status, application.family, application.decided_by) == (
        "accepted", family, adviser)
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("nigar@example.az", "Welcome to ABAD: Gəncə Nar Evi"),
        ("rauf@example.az", "You were added to Gəncə Nar Evi on Yuva"),
    ]
    invite = next(m for m in mail.outbox if m.to == ["rauf@example.az"])
    assert "http://127.0.0.1:8000/accounts/password/reset/" in invite.body

    with pytest.raises(DomainError) as info:
        application_decline(application=application, actor=adviser, reason="Too late")
    assert info.value.message == "This application was already decided."


@pytest.mark.usefixtures("english")
def test_declining_needs_a_reason_and_tells_the_applicant(
        client, applicant, adviser, django_capture_on_commit_callbacks):
    apply(client, applicant)
    application = FamilyApplication.objects.get()
    with pytest.raises(DomainError) as info:
        application_decline(application=application, actor=adviser, reason=" ")
    assert info.value.message == "Tell the family why the application is declined."
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, actor=adviser,
                            reason="We only take families from the regions this year.")
    application.refresh_from_db()
    assert application.status == "declined"
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("nigar@example.az", "Your ABAD application: Gəncə Nar Evi")]
    assert "The reason: We only take families from the regions this year." in mail.outbox[0].body
    assert Family.objects.count() == 0


def test_the_adviser_decides_in_the_back_office(client, applicant, adviser):
    apply(client, applicant)
    application = FamilyApplication.objects.get()
    client.force_login(adviser)
    inspect = client.get(reverse("abad_applications:inspect", args=[application.pk]))
    assert inspect.status_code == 200
    assert "Rauf Məmmədov" in inspect.content.decode()
    accept = reverse("families_admin:application_accept", args=[application.pk])
    assert client.get(accept).status_code == 200
    response = client.post(accept, {"adviser": adviser.pk, "centre": ""})
    family = Family.objects.get()
    assert response["Location"] == reverse("abad_families:inspect", args=[family.pk])
    assert client.get(response["Location"]).status_code == 200


def test_people_who_may_not_decide_cannot(client, applicant):
    apply(client, applicant)
    application = FamilyApplication.objects.get()
    technician = UserFactory(is_staff=True)
    technician.groups.add(Group.objects.get(name="Factory technicians"))
    client.force_login(technician)
    path = reverse("families_admin:application_decline", args=[application.pk])
    refused = client.post(path, {"reason": "No"})  # Wagtail turns 403 into a redirect home
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    client.force_login(applicant)  # not staff: sent to log in
    assert client.post(path, {"reason": "No"})["Location"].startswith("/accounts/login/")
    application.refresh_from_db()
    assert application.status == "submitted"
