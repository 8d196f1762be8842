from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY, authenticate
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail import hooks

from core import demo
from core.models import Centre, Enterprise, Membership, User

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "yuva-demo-2026"
LOGIN_EMAILS = [
    "staff@yuva.test", "founder@yuva.test", "family@yuva.test", "mentor@yuva.test",
    "reviewer@yuva.test", "technician@yuva.test", "adviser@yuva.test",
]


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True  # pytest-django runs with DEBUG off; the command refuses that


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "users": User.objects.count(),
        "centres": Centre.objects.count(),
        "startups": Enterprise.objects.filter(kind=Enterprise.Kind.STARTUP).count(),
        "families": Enterprise.objects.filter(kind=Enterprise.Kind.FAMILY).count(),
        "memberships": Membership.objects.count(),
        "verified_emails": EmailAddress.objects.filter(verified=True, primary=True).count(),
    }


SMALL = {"users": 30, "centres": 6, "startups": 7, "families": 7, "memberships": 26,
         "verified_emails": 30}


def test_running_twice_creates_nothing_new():
    first = seed()
    after_first = counts()
    second = seed()

    assert after_first == SMALL
    assert counts() == SMALL
    assert "core: created 6 centres, 30 users, 14 enterprises, 26 memberships." in first
    assert "core: created 0 centres, 0 users, 0 enterprises, 0 memberships." in second
    # The families seeds in their hook order: the production history (order 25) comes
    # after the products and before retail and sales, which use its lots.
    order = [first.index(f"families {name}: ") for name in ("products", "history",
                                                             "retail", "sales")]
    assert order == sorted(order)
    assert "families history: 0 past shifts, 0 bookings, 0 lots (0 failed)." in second
    assert "families sales: 0 sales rows in 0 reports imported, 0 statements." in second


def test_centres_are_the_agency_sites():
    seed()

    centres = list(Centre.objects.order_by("slug").values_list("slug", "name", "kind", "region"))
    assert centres == [
        ("abad-balakan", "ABAD Balakan regional centre", "regional_centre", "balakan"),
        ("abad-guba-factory", "ABAD Guba factory", "factory", "guba"),
        ("abad-lankaran", "ABAD Lankaran regional centre", "regional_centre", "lankaran"),
        ("innoland-baku", "INNOLAND Baku", "incubation_centre", "baku"),
        ("innoland-shamakhi", "INNOLAND Shamakhi", "regional_branch", "shamakhi"),
        ("innoland-sheki", "INNOLAND Sheki", "regional_branch", "sheki"),
    ]
    for centre in Centre.objects.all():  # all inside Azerbaijan
        assert 38 < centre.latitude < 42 and 44 < centre.longitude < 51, centre.slug


def test_every_demo_login_signs_in_with_the_demo_password(client):
    seed()

    for email in LOGIN_EMAILS:
        user = authenticate(email=email, password=DEMO_PASSWORD)
        assert user is not None and user.email == email
    # Through allauth's login form, which insists on a verified address.
    response = client.post(reverse("account_login"),
                           {"login": "founder@yuva.test", "password": DEMO_PASSWORD})
    assert (response.status_code, response.url) == (302, "/portal/")
    assert client.session[SESSION_KEY] == str(User.objects.get(email="founder@yuva.test").pk)


def test_demo_logins_have_their_roles():
    seed()

    def groups(email):
        return sorted(Group.objects.filter(user__email=email).values_list("name", flat=True))

    staff = User.objects.get(email="staff@yuva.test")
    assert (staff.full_name, staff.is_staff, staff.is_superuser) == (
        "Aysel Məmmədova", True, True)
    assert groups("mentor@yuva.test") == ["Mentors"]
    assert groups("reviewer@yuva.test") == ["Reviewers"]
    assert groups("technician@yuva.test") == ["Factory technicians"]
    assert groups("adviser@yuva.test") == ["ABAD advisers"]
    assert User.objects.get(email="technician@yuva.test").is_staff is True
    assert User.objects.get(email="adviser@yuva.test").is_staff is True
    assert User.objects.get(email="mentor@yuva.test").is_staff is False
    owned = sorted(
        Membership.objects.filter(role=Membership.Role.OWNER, user__email__in=[
            "founder@yuva.test", "family@yuva.test",
        ]).values_list("user__email", "enterprise__name", "enterprise__kind")
    )
    assert owned == [
        ("family@yuva.test", "Quba Mürəbbə Evi", "family"),
        ("founder@yuva.test", "PulQabı", "startup"),
    ]
    assert EmailAddress.objects.get(email="family@yuva.test").verified is True


def test_the_logins_table_is_printed():
    output = seed()

    for email in LOGIN_EMAILS:
        assert f"{email}  " in output
    assert output.count(DEMO_PASSWORD) == 7


def test_print_logins_only_changes_nothing(settings):
    settings.DEBUG = False
    output = seed("--print-logins-only")

    assert output.startswith("Demo logins (sign in at /accounts/login/):\n")
    assert output.count(DEMO_PASSWORD) == 7
    assert User.objects.count() == 0


def test_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as error:
        seed()

    assert str(error.value) == (
        "seed_demo creates accounts whose password is published in the README, so it only "
        "runs with DEBUG on. Run it with --force if you really mean to load demo data into "
        "this database."
    )
    assert User.objects.count() == 0


def test_force_runs_without_debug(settings):
    settings.DEBUG = False

    seed("--force")

    assert counts() == SMALL


def test_a_changed_password_survives_a_rerun_unless_reset():
    seed()
    founder = User.objects.get(email="founder@yuva.test")
    founder.set_password("my-own-secret-77")
    founder.save()

    seed()
    assert authenticate(email="founder@yuva.test", password="my-own-secret-77") is not None

    seed("--reset-passwords")
    assert authenticate(email="founder@yuva.test", password=DEMO_PASSWORD) is not None


def test_later_apps_seed_through_the_hook():
    calls = []

    def seed_other_app(stdout, size):
        calls.append((size, Enterprise.objects.count()))
        stdout.write("other app: seeded")

    with hooks.register_temporarily(demo.SEED_HOOK, seed_other_app):
        output = seed()

    assert calls == [("small", 14)]
    assert "other app: seeded" in output


def test_large_size_adds_benchmark_data_once():
    """About a second: 2,000 users, 1,000 enterprises, 2,000 memberships in bulk."""
    seed("--size", "large")
    after_first = counts()
    seed("--size", "large")

    expected = {**SMALL, "users": 30 + 2000, "startups": 7 + 500, "families": 7 + 500,
                "memberships": 26 + 2000}
    assert after_first == expected
    assert counts() == expected
    family = Enterprise.objects.get(name="Quliyevlər alma mürəbbəsi")
    assert (family.kind, family.region, family.centre.slug) == ("family", "guba",
                                                                "abad-guba-factory")
    assert sorted(family.memberships.values_list("role", flat=True)) == ["member", "owner"]
