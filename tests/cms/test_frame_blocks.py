import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import StandardPage
from tests.factories.cms import home, standard_page
from tests.factories.families import FactoryFactory, LineFactory, RulesFactory

pytestmark = pytest.mark.django_db


def body(html):
    return html.split('<main id="main" tabindex="-1">')[1].split("</main>")[0]


def test_every_block_renders(client):
    image = get_image_model().objects.create(title="pic", file=get_test_image_file())
    standard_page(home(), title="Bloklar", slug="bloklar", body=[
        {"type": "text", "value": "<p>Mətn</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Fabrik binası",
                                    "caption": "Quba"}},
        {"type": "quote", "value": {"text": "Sitat", "attribution": "Müəllif"}},
        {"type": "call_to_action", "value": {"title": "Qoşulun", "text": "", "page": None,
                                             "button_label": "Portal", "url": "/portal/"}},
        {"type": "faq", "value": {"heading": "Suallar", "items": [
            {"question": "Pulsuzdurmu?", "answer": "<p>Bəli.</p>"}]}},
    ])

    html = body(client.get("/az/bloklar/").content.decode())

    assert "<p>Mətn</p>" in html
    assert re.search(r'<img alt="Fabrik binası"[^>]* srcset="[^"]+\.jpg 480w', html)
    assert re.search(r'<source[^>]+\.webp 480w', html)
    assert "<figcaption>Quba</figcaption>" in html
    assert "<blockquote><p>Sitat</p></blockquote>" in html
    assert '<a class="button" href="/portal/">Portal</a>' in html
    assert "<details>\n    <summary>Pulsuzdurmu?</summary>" in html


def test_an_image_needs_its_alternative_text():
    block = StandardPage.body.field.stream_block.child_blocks["image"]
    image = get_image_model().objects.create(title="pic", file=get_test_image_file())

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_a_listing_image_needs_its_alternative_text():
    image = get_image_model().objects.create(title="pic", file=get_test_image_file())
    page = StandardPage(title="X", slug="x", listing_image=image, listing_image_alt=" ")

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert list(error.value.message_dict) == ["listing_image_alt"]


def test_the_booking_rules_block_shows_the_published_rules(client):
    guba = FactoryFactory(name="Quba fabriki")
    RulesFactory(factory=guba, quota_per_week=3, quota_per_month=9)
    line = LineFactory(factory=guba, name="Xalça dəzgahı")
    RulesFactory(line=line, quota_per_week=1, quota_per_month=4)
    RulesFactory(factory=FactoryFactory(name="Köhnə fabrik", is_active=False))
    standard_page(home(), title="Qaydalar", slug="qaydalar", body=[
        {"type": "booking_rules", "value": {"heading": "Qaydalar"}}])

    html = body(client.get("/az/qaydalar/").content.decode())

    assert re.findall(r"<h3>(.*?)</h3>", html) == ["Quba fabriki", "Quba fabriki — Xalça dəzgahı"]
    assert html.count("<li>") == 20
