import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.contrib.forms.models import FormSubmission

from cms.models.contact import REFUSED, SUBMISSIONS_PER_WINDOW, form_token
from tests.factories.cms import contact_page, home

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(db):
    return contact_page(home(), to_address="info@yuva.test")


def in_az(text):
    with translation.override("az"):
        return gettext(str(text)) if isinstance(text, str) else str(text)


def message(**extra):
    return {"adiniz": "Leyla", "e_poct": "leyla@example.az", "mesaj": "Salam!",
            "form_token": form_token(timezone.now() - datetime.timedelta(seconds=10)),
            "website": "", **extra}


def test_a_message_is_stored_for_the_admin_and_thanked(client, contact, settings):
    settings.YUVA_FORM_MIN_SECONDS = 3

    response = client.post("/az/elaqe/", message())

    assert response.status_code == 200
    assert "Təşəkkür edirik!" in response.content.decode()
    assert [s.get_data()["mesaj"] for s in FormSubmission.objects.filter(page=contact)] == [
        "Salam!"]
    assert set(FormSubmission.objects.get().form_data) == {"adiniz", "e_poct", "mesaj"}
    assert [m.to for m in mail.outbox] == [["info@yuva.test"]]


def test_the_form_shows_a_time_token_and_a_hidden_honeypot(client, contact):
    html = client.get("/az/elaqe/").content.decode()

    assert 'name="form_token"' in html
    assert '<div class="trap" aria-hidden="true">' in html


def test_a_filled_honeypot_is_refused(client, contact):
    response = client.post("/az/elaqe/", message(website="http://spam.example"))

    assert response.status_code == 200
    assert in_az(REFUSED) in response.content.decode()
    assert FormSubmission.objects.count() == 0


def test_a_missing_or_forged_token_is_refused(client, contact):
    client.post("/az/elaqe/", message(form_token=""))
    client.post("/az/elaqe/", message(form_token="12345:forged"))

    assert FormSubmission.objects.count() == 0


def test_a_form_sent_too_fast_is_refused(client, contact, settings):
    settings.YUVA_FORM_MIN_SECONDS = 3

    client.post("/az/elaqe/", message(form_token=form_token()))

    assert FormSubmission.objects.count() == 0


def test_an_old_token_is_refused(client, contact):
    client.post("/az/elaqe/", message(
        form_token=form_token(timezone.now() - datetime.timedelta(days=2))))

    assert FormSubmission.objects.count() == 0


def test_too_many_messages_from_one_address_are_refused(client, contact):
    for _ in range(SUBMISSIONS_PER_WINDOW):
        assert client.post("/az/elaqe/", message()).status_code == 200

    response = client.post("/az/elaqe/", message())

    assert response.status_code == 429
    assert in_az("Too many messages were sent from your address. Please try again in a few "
                 "minutes.") in response.content.decode()
    assert FormSubmission.objects.count() == SUBMISSIONS_PER_WINDOW
