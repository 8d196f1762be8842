"""The az and ru catalogs: exact translations of a few of our strings, complete compiled
catalogs, and a page rendered in the user's preferred language.

The .mo files are committed, so nothing here needs gettext at run time: the .po files
are read with a small parser below and the .mo files with Python's own gettext."""

import gettext as gettext_module
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.core.conftest import soup
from tests.factories.core import EnterpriseFactory, member_of

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED = ("az", "ru")
PLURAL_FORMS = {
    "az": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
}
# %(name)s, %s, %d, %% and {name} placeholders must survive translation unchanged.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}")


# --- a tiny .po reader ------------------------------------------------------------------

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def unquote(text):
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def read_po(path):
    """The entries of a .po file, header included, as dicts with keys msgctxt, msgid,
    msgid_plural, msgstr (a list: one item, or one per plural form) and fuzzy.
    Obsolete (#~) entries are skipped."""
    entries, entry, key = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        begins = line.startswith(("#", "msgctxt ", "msgid "))
        if entry is None or (begins and entry["msgstr"]):
            finish()
            entry, key = {"msgctxt": None, "msgid_plural": None, "msgstr": {},
                          "fuzzy": False}, None
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            name, index, value = match.groups()
            if name.startswith("msgstr"):
                key = ("msgstr", int(index or 0))
                entry["msgstr"][key[1]] = unquote(value)
            else:
                key = name
                entry[name] = unquote(value)
        elif line.startswith('"'):
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += unquote(line)
            else:
                entry[key] += unquote(line)
        else:
            raise AssertionError(f"{path}: cannot read line {raw!r}")
    finish()
    for item in entries:
        item["msgstr"] = [item["msgstr"][i] for i in sorted(item["msgstr"])]
    return entries


def po_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def messages(language):
    """The entries of a catalog, header left out."""
    return [e for e in read_po(po_path(language)) if e["msgid"]]


def load_mo(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
        return gettext_module.GNUTranslations(handle)


def mo_keys(entry, nplurals):
    """The keys under which GNUTranslations stores the entry's translation(s)."""
    msgid = entry["msgid"] if entry["msgctxt"] is None else (
        f"{entry['msgctxt']}\x04{entry['msgid']}")
    if entry["msgid_plural"] is None:
        return [msgid]
    return [(msgid, i) for i in range(nplurals)]


def entry_label(entry):
    return entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}|{entry['msgid']}"


# --- exact translations -----------------------------------------------------------------

KNOWN = [
    # msgid, az, ru
    ("My enterprises", "Mənim müəssisələrim", "Мои предприятия"),
    ("The founding date cannot be in the future.",
     "Təsis tarixi gələcəkdə ola bilməz.",
     "Дата основания не может быть в будущем."),
    ("Download profile as PDF", "Profili PDF formatında yüklə", "Скачать профиль в PDF"),
    ("My portal", "Mənim portalım", "Мой портал"),
    ("Log in", "Daxil ol", "Войти"),
    ("Sign up", "Qeydiyyat", "Регистрация"),
    ("Family business", "Ailə biznesi", "Семейный бизнес"),
    ("Startup", "Startap", "Стартап"),
    ("Enterprise", "Müəssisə", "Предприятие"),
    ("Centre", "Mərkəz", "Центр"),
    ("Baku", "Bakı", "Баку"),
    ("Sheki", "Şəki", "Шеки"),
    ("Shamakhi", "Şamaxı", "Шамахы"),
    ("Guba", "Quba", "Губа"),
    ("Balakan", "Balakən", "Балакен"),
    ("Ganja", "Gəncə", "Гянджа"),
    ("Lankaran", "Lənkəran", "Ленкорань"),
    ("Ismayilli", "İsmayıllı", "Исмаиллы"),
]


@pytest.mark.parametrize(("msgid", "az", "ru"), KNOWN, ids=[k[0] for k in KNOWN])
def test_known_strings_are_translated_exactly(msgid, az, ru):
    for language, expected in (("az", az), ("ru", ru), ("en", msgid)):
        with translation.override(language):
            assert translation.gettext(msgid) == expected, language


def test_placeholder_in_python_string_is_filled_after_translation():
    with translation.override("az"):
        text = translation.gettext("%(user)s is already a member of %(enterprise)s.") % {
            "user": "Nigar Həsənova", "enterprise": "Quba Alma"}
    assert text == "Nigar Həsənova artıq «Quba Alma» müəssisəsinin üzvüdür."


@pytest.mark.parametrize(("count", "expected"), [
    (1, "В пакете 1 сертификат, из них новых: 1."),
    (3, "В пакете 3 сертификата, из них новых: 1."),
    (5, "В пакете 5 сертификатов, из них новых: 1."),
    (11, "В пакете 11 сертификатов, из них новых: 1."),
    (21, "В пакете 21 сертификат, из них новых: 1."),
    (24, "В пакете 24 сертификата, из них новых: 1."),
])
def test_russian_uses_its_three_plural_forms(count, expected):
    with translation.override("ru"):
        text = translation.ngettext(
            "%(total)s certificate in this batch, %(new)s of them new.",
            "%(total)s certificates in this batch, %(new)s of them new.",
            count,
        ) % {"total": count, "new": 1}
    assert text == expected


def test_blocktranslate_variable_maps_to_the_catalog_placeholder():
    template = Template(
        "{% load i18n %}{% blocktranslate with when=when %}Generated by Yuva on {{ when }} "
        "(Asia/Baku). Amounts in manat (₼).{% endblocktranslate %}"
    )
    with translation.override("ru"):
        text = template.render(Context({"when": "01.02.2026 10:30"}))
    assert text == ("Сформировано в Yuva 01.02.2026 10:30 (по бакинскому времени). "
                    "Суммы указаны в манатах (₼).")


# --- complete, consistent catalogs ------------------------------------------------------

def test_every_language_has_a_catalog_with_the_same_messages():
    expected = {entry_label(e) for e in messages("en")}
    assert expected, "the en catalog is empty"
    assert {code for code, _name in settings.LANGUAGES} == {"az", "en", "ru"}
    for language in TRANSLATED:
        assert {entry_label(e) for e in messages(language)} == expected, language


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_catalog_header(language):
    header = read_po(po_path(language))[0]
    assert header["msgid"] == "" and not header["fuzzy"], "the header must not be fuzzy"
    info = load_mo(language).info()
    assert info["language"] == language
    assert info["plural-forms"] == PLURAL_FORMS[language]
    assert info["content-type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalog_translates_every_message(language):
    """Every message of the en catalog (the list of our source strings) has a non-empty
    translation in the committed .mo; so a string added without translating and
    recompiling fails here."""
    catalog = load_mo(language)._catalog
    nplurals = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[language]).group(1))
    missing = [
        entry_label(entry)
        for entry in messages("en")
        if not all(catalog.get(key, "").strip() for key in mo_keys(entry, nplurals))
    ]
    assert missing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_po_is_translated_and_matches_the_compiled_catalog(language):
    """No fuzzy or empty entries (compilemessages drops them), and the .mo was compiled
    from this .po."""
    catalog = load_mo(language)._catalog
    nplurals = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[language]).group(1))
    problems = []
    for entry in messages(language):
        label = entry_label(entry)
        if entry["fuzzy"]:
            problems.append(("fuzzy", label))
        if len(entry["msgstr"]) != len(mo_keys(entry, nplurals)):
            problems.append(("plural forms", label))
        if not all(s.strip() for s in entry["msgstr"]):
            problems.append(("empty", label))
        for key, text in zip(mo_keys(entry, nplurals), entry["msgstr"], strict=False):
            if catalog.get(key) != text:
                problems.append(("not compiled", label))
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders(language):
    problems = []
    for entry in messages(language):
        sources = [entry["msgid"]] + ([entry["msgid_plural"]] if entry["msgid_plural"] else [])
        wanted = {tuple(sorted(PLACEHOLDER.findall(s))) for s in sources}
        for text in entry["msgstr"]:
            found = tuple(sorted(PLACEHOLDER.findall(text)))
            # A singular form may leave out the count (e.g. "one file" for %(count)s).
            if found not in wanted and not (entry["msgid_plural"] and
                                            set(found) <= set(max(wanted, key=len))):
                problems.append((entry_label(entry), text))
    assert problems == []


def test_english_catalog_leaves_the_source_strings():
    assert [entry_label(e) for e in messages("en") if any(e["msgstr"])] == []


# --- a page in the user's language ------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title", "portal"), [
    ("ru", "Мои предприятия", "Мой портал"),
    ("az", "Mənim müəssisələrim", "Mənim portalım"),
    ("en", "My enterprises", "My portal"),
])
def test_portal_home_is_in_the_preferred_language(client, language, title, portal):
    user = member_of(EnterpriseFactory(name="Şəki İpək"), preferred_language=language)
    client.force_login(user)

    response = client.get(reverse("core:portal_home"))

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert title in [h2.get_text(strip=True) for h2 in page.select("section.panel h2")]
    assert portal in [a.get_text(strip=True) for a in page.select("nav.account-menu a")]
    assert "Şəki İpək" in page.get_text()


@pytest.mark.django_db
def test_anonymous_visitor_gets_azerbaijani_by_default(client):
    response = client.get(reverse("account_login"))

    page = soup(response)
    assert page.html["lang"] == "az"
    assert "Qeydiyyat" in [a.get_text(strip=True) for a in page.select("nav.account-menu a")]
