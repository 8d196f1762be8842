import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from core.models import User
from tests.core.conftest import field_errors, messages_text, soup
from tests.factories.core import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NEW_PASSWORD = "saffron-kettle-Quba-42"
CONFIRM_LINK = re.compile(r"http://testserver(/accounts/confirm-email/[^/\s]+/)")


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    return client


def signup(client, email="aygun@example.az", password=NEW_PASSWORD, language="en",
           full_name="Aygün Rzayeva"):
    return client.post(reverse("account_signup"), {
        "email": email, "password1": password, "password2": password,
        "full_name": full_name, "preferred_language": language,
    })


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


# --- sign-up and verification -----------------------------------------------------------


def test_signup_sends_a_verification_email_and_the_link_confirms_and_logs_in(client):
    response = signup(client)

    assert (response.status_code, response.url) == (302, reverse("account_email_verification_sent"))
    user = User.objects.get()
    assert (user.email, user.full_name, user.preferred_language) == (
        "aygun@example.az", "Aygün Rzayeva", "en",
    )
    assert logged_in_user_id(client) is None
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aygun@example.az"]
    assert message.subject == "Yuva: Please Confirm Your Email Address"
    links = CONFIRM_LINK.findall(message.body)
    assert len(links) == 1
    confirm_path = links[0]

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert soup(page).h1.get_text(strip=True) == "Confirm Email Address"
    assert EmailAddress.objects.get(user=user).verified is False  # GET does not confirm

    response = client.post(confirm_path)

    assert (response.status_code, response.url) == (302, "/portal/")
    assert EmailAddress.objects.get(user=user).verified is True
    assert logged_in_user_id(client) == str(user.pk)
    portal = client.get("/portal/")
    assert soup(portal).h1.get_text(strip=True) == "Welcome, Aygün"


def test_verification_email_is_in_the_chosen_language(client):
    signup(client, language="ru")

    assert [m.subject for m in mail.outbox] == [
        "Yuva: Пожалуйста, подтвердите Ваш адрес электронной почты",
    ]


def test_signup_requires_full_name(client):
    response = signup(client, full_name="")

    assert response.status_code == 200
    assert response.context["form"].errors == {"full_name": ["This field is required."]}
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_signup_with_an_existing_email_is_refused(client):
    UserFactory(email="taken@example.az")

    response = signup(client, email="Taken@Example.az")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["A user is already registered with this email address."],
    }
    assert field_errors(response)["email"] == [
        "A user is already registered with this email address.",
    ]
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_signup_with_a_weak_password_is_refused(client):
    response = signup(client, password="12345678")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password1": [
            "This password is too short. It must contain at least 10 characters.",
            "This password is too common.",
            "This password is entirely numeric.",
        ],
    }
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_a_wrong_verification_key_shows_the_invalid_page(client):
    signup(client)

    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code == 200
    paragraph = soup(response).select_one("main p")
    assert paragraph.get_text(" ", strip=True) == (
        "This email confirmation link expired or is invalid. Please issue a new email "
        "confirmation request ."
    )
    assert paragraph.a["href"] == reverse("account_email")
    assert EmailAddress.objects.get().verified is False

    # allauth answers a POST with an unknown key with a plain 404.
    response = client.post("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code == 404
    assert EmailAddress.objects.get().verified is False
    assert logged_in_user_id(client) is None


# --- login ------------------------------------------------------------------------------


def test_login_with_a_verified_address(client):
    user = verified_user()

    response = login(client, user.email, PASSWORD)

    assert (response.status_code, response.url) == (302, "/portal/")
    assert logged_in_user_id(client) == str(user.pk)


def test_login_is_case_insensitive_on_the_email(client):
    user = verified_user(email="camal@example.az")

    response = login(client, "Camal@Example.AZ", PASSWORD)

    assert (response.status_code, response.url) == (302, "/portal/")
    assert logged_in_user_id(client) == str(user.pk)


def test_wrong_password_is_refused_with_allauths_message(client):
    user = verified_user()

    response = login(client, user.email, "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The email address and/or password you specified are not correct.",
    ]
    assert logged_in_user_id(client) is None


def test_sixth_attempt_after_five_wrong_passwords_is_rate_limited(client):
    user = verified_user()
    for _attempt in range(5):
        response = login(client, user.email, "wrong-password-123")
        assert response.context["form"].non_field_errors() == [
            "The email address and/or password you specified are not correct.",
        ]

    # Even the right password is refused now.
    response = login(client, user.email, PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later.",
    ]
    assert field_errors(response)["__all__"] == [
        "Too many failed login attempts. Try again later.",
    ]
    assert logged_in_user_id(client) is None


def test_login_limit_counts_per_address(client):
    locked = verified_user()
    other = verified_user()
    for _attempt in range(5):
        login(client, locked.email, "wrong-password-123")

    response = login(client, other.email, PASSWORD)

    assert (response.status_code, response.url) == (302, "/portal/")


# --- profile ----------------------------------------------------------------------------


def test_profile_shows_the_current_values(client):
    user = UserFactory(full_name="Elvin Səfərov", phone="+994 55 000 00 00")
    client.force_login(user)

    response = client.get(reverse("core:profile"))

    page = soup(response)
    assert page.select_one("#id_full_name")["value"] == "Elvin Səfərov"
    assert page.select_one("#id_phone")["value"] == "+994 55 000 00 00"
    assert page.select_one("#id_preferred_language option[selected]")["value"] == "az"


def test_profile_saves_name_phone_and_language(client):
    user = UserFactory(full_name="Old", phone="", preferred_language="az")
    client.force_login(user)

    response = client.post(reverse("core:profile"), {
        "full_name": "Günel Abbasova", "phone": "+994 50 123 45 67",
        "preferred_language": "en",
    }, follow=True)

    assert response.redirect_chain == [(reverse("core:profile"), 302)]
    assert messages_text(response) == ["Your profile was saved."]
    assert client.cookies["django_language"].value == "en"
    user.refresh_from_db()
    assert (user.full_name, user.phone, user.preferred_language) == (
        "Günel Abbasova", "+994 50 123 45 67", "en",
    )


def test_profile_language_choice_sets_the_language_cookie(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)

    client.post(reverse("core:profile"), {
        "full_name": "Murad", "phone": "", "preferred_language": "ru",
    })

    assert client.cookies["django_language"].value == "ru"
    assert User.objects.get(pk=user.pk).preferred_language == "ru"
    page = client.get(reverse("core:profile"))
    assert soup(page).html["lang"] == "ru"


@pytest.mark.parametrize("phone", ["abc", "12", "+994 50 123 45 67 89 01 23", "050;1234567"])
def test_profile_rejects_a_malformed_phone(client, phone):
    user = UserFactory(full_name="Kept", phone="+994 12 555 55 55", preferred_language="en")
    client.force_login(user)

    response = client.post(reverse("core:profile"), {
        "full_name": "Changed", "phone": phone, "preferred_language": "en",
    })

    assert response.status_code == 200
    assert field_errors(response) == {
        "phone": ["Enter a phone number such as +994 50 123 45 67."],
    }
    user.refresh_from_db()
    assert (user.full_name, user.phone) == ("Kept", "+994 12 555 55 55")


# --- language switcher ------------------------------------------------------------------


def test_language_switcher_remembers_the_choice_of_a_signed_in_person(client):
    user = UserFactory(preferred_language="az")
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/portal/"})

    assert (response.status_code, response.url) == (302, "/portal/")
    assert client.cookies["django_language"].value == "ru"
    assert User.objects.get(pk=user.pk).preferred_language == "ru"


def test_language_switcher_for_an_anonymous_visitor_only_sets_the_cookie(client):
    user = UserFactory(preferred_language="az")

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert (response.status_code, response.url) == (302, "/")
    assert client.cookies["django_language"].value == "en"
    assert User.objects.get(pk=user.pk).preferred_language == "az"


def test_language_switcher_ignores_an_unknown_language(client):
    user = UserFactory(preferred_language="az")
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/portal/"})

    assert User.objects.get(pk=user.pk).preferred_language == "az"
    assert client.cookies["django_language"].value == "en"  # unchanged


def test_language_switcher_refuses_get(client):
    assert client.get("/i18n/setlang/?language=ru").status_code == 405
