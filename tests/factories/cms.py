"""Pages of the public site for tests: an az tree with en/ru translations, the way
seed_demo builds it (page trees are never made by migrations)."""

import datetime

from wagtail.models import Locale

from cms.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)

LANGUAGES = ("az", "en", "ru")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def home(language="az"):
    return HomePage.objects.get(locale__language_code=language)


def translate(page, language, **fields):
    """A published copy of `page` in `language` with `fields` set (its parent must
    have been translated already)."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


def add(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def home_in_all_languages():
    """{language: home page}, with the en and ru homes translated from az."""
    homes = {"az": home("az")}
    for language in ("en", "ru"):
        existing = HomePage.objects.filter(locale__language_code=language).first()
        homes[language] = existing or translate(
            homes["az"], language, title=f"Yuva {language}", hero_title=f"Hero {language}")
    return homes


def standard_page(parent, *, title, slug, body=(), intro=""):
    return add(parent, StandardPage(title=title, slug=slug, intro=intro, body=list(body)))


def news_index(parent, *, title="Xəbərlər", slug="xeberler"):
    return add(parent, NewsIndexPage(title=title, slug=slug, intro="Agentliyin xəbərləri"))


def news_article(index, *, title, slug, date=datetime.date(2026, 11, 20), intro="Qısa xülasə",
                 tags=()):
    article = NewsPage(title=title, slug=slug, date=date, intro=intro)
    index.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    return publish(article)


def contact_page(parent, *, title="Əlaqə", slug="elaqe", to_address=""):
    page = ContactPage(title=title, slug=slug, intro="Bizə yazın", to_address=to_address,
                       from_address="noreply@yuva.test", subject="Saytdan məktub",
                       thank_you_text="Təşəkkür edirik!")
    page.form_fields = [
        ContactFormField(sort_order=0, label="Adınız", field_type="singleline",
                         required=True, clean_name="adiniz"),
        ContactFormField(sort_order=1, label="E-poçt", field_type="email", required=True,
                         clean_name="e_poct"),
        ContactFormField(sort_order=2, label="Mesaj", field_type="multiline", required=True,
                         clean_name="mesaj"),
    ]
    return add(parent, page)


def site_in_all_languages():
    """Home, an about page, a news index with one article and a contact page, in az,
    with en and ru translations. Returns {language: {name: page}}."""
    homes = home_in_all_languages()
    az = {"home": homes["az"]}
    az["about"] = standard_page(homes["az"], title="Haqqımızda", slug="haqqimizda",
                                intro="Agentlik haqqında")
    az["news"] = news_index(homes["az"])
    az["article"] = news_article(az["news"], title="Quba fabriki açıldı", slug="quba-fabriki",
                                 tags=("abad",))
    az["contact"] = contact_page(homes["az"])
    site = {"az": az}
    titles = {
        "en": {"about": "About us", "news": "News", "article": "The Guba factory opened",
               "contact": "Contact"},
        "ru": {"about": "О нас", "news": "Новости", "article": "Фабрика в Губе открылась",
               "contact": "Контакты"},
    }
    for language in ("en", "ru"):
        pages = {"home": homes[language]}
        for name in ("about", "news", "article", "contact"):
            pages[name] = translate(az[name], language, title=titles[language][name])
        site[language] = pages
    return site
