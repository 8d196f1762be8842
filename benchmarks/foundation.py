"""The foundation benchmark: what a request and a PDF page cost before any domain app
adds its weight.

Requests go through Django's WSGIHandler, the object a WSGI server such as gunicorn
calls, so every middleware, the request_started/request_finished signals and the
database connection handling run as in production. The figures are relative to a
bare view measured in the same run, so they compare across machines.

This module is the benchmark URLconf too (`urlpatterns` below), so it may only be
imported once Django is set up (benchmarks.common.bench_environment).
"""

import datetime
import io
import sys
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path
from django.utils import translation

import config.urls
from benchmarks.common import BenchmarkError, measure

BARE_URL = "/__bench/bare/"
HOST = "localhost"  # the default Wagtail Site's hostname (cms migration 0002)


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path(BARE_URL.strip("/") + "/", bare), *config.urls.urlpatterns]


# --- Requests ---------------------------------------------------------------------------

class Caller:
    """Calls the full WSGI handler with a GET, as a server would, and checks the answer."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def environ(self, url, cookie=""):
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": url, "QUERY_STRING": "", "SCRIPT_NAME": "",
            "SERVER_NAME": HOST, "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": HOST, "REMOTE_ADDR": "127.0.0.1",
            "HTTP_ACCEPT": "text/html", "HTTP_USER_AGENT": "yuva-bench",
            "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
            "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        return environ

    def get(self, environ):
        status = []
        result = self.handler(
            {**environ, "wsgi.input": io.BytesIO(b"")},
            lambda value, headers, exc_info=None: status.append(value),
        )
        try:
            body = b"".join(result)
        finally:
            result.close()  # fires request_finished, as a WSGI server does
        if not status or not status[0].startswith("200"):
            raise BenchmarkError(f"GET {environ['PATH_INFO']} answered {status}")
        return body.decode()


def _member_of_three():
    """A person who is an owner of three enterprises, created through the services."""
    from core.models import Centre, Enterprise, User
    from core.services import enterprise_create

    user = User.objects.create_user(
        "bench.member@example.az", full_name="Aygün Məmmədova", preferred_language="az",
    )
    centre = Centre.objects.create(
        name="İNNOLAND Bakı", slug="innoland-baku", kind=Centre.Kind.INCUBATION_CENTRE,
        programme=Centre.Programme.INNOLAND, region="baku", address="Bakı, Nizami küçəsi 1",
    )
    names = []
    for name, kind, sector, region in (
        ("Şəki Halvaçıları", Enterprise.Kind.FAMILY, Enterprise.Sector.FOOD, "sheki"),
        ("Quba Xalçaçılıq Evi", Enterprise.Kind.FAMILY, Enterprise.Sector.CRAFT, "guba"),
        ("Ağıllı Tarla", Enterprise.Kind.STARTUP, Enterprise.Sector.AGRITECH, "baku"),
    ):
        enterprise_create(
            actor=user, kind=kind, owner=user, name=name, region=region, sector=sector,
            centre=centre if kind == Enterprise.Kind.STARTUP else None,
            founded_on=datetime.date(2023, 5, 1), employees=4,
        )
        names.append(name)
    return user, names


def _session_cookie(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def request_rows(*, runs, warmup):
    """Median time, ratio to the bare view and query count of each page."""
    user, enterprise_names = _member_of_three()
    caller = Caller()
    pages = [
        ("bare Django view", caller.environ(BARE_URL), ["ok"]),
        # The page cache is off here (PAGE_CACHE_SECONDS=0): this row is what rendering
        # a Wagtail page costs; benchmarks/cms.py measures the cache.
        ("Wagtail home page /az/ (uncached)", caller.environ("/az/"),
         ["Gənc biznes üçün bir pəncərə"]),
        ("portal home (member of 3)", caller.environ("/portal/", _session_cookie(user)),
         enterprise_names),
    ]
    query_counts = []
    with override_settings(
        ROOT_URLCONF=__name__, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, HOST],
        PAGE_CACHE_SECONDS=0,
    ):
        for label, environ, expected in pages:
            body = caller.get(environ)
            missing = [text for text in expected if text not in body]
            if missing:
                raise BenchmarkError(f"{label}: the page does not show {missing}")
            # Counted now: the next request's request_started signal empties the log.
            with CaptureQueriesContext(connection) as queries:
                caller.get(environ)
            query_counts.append(len(queries.captured_queries))
        timings = measure(
            [lambda environ=environ: caller.get(environ) for _, environ, _ in pages],
            runs=runs, warmup=warmup,
        )
    return [
        (label, timing, count)
        for (label, _, _), timing, count in zip(pages, timings, query_counts, strict=True)
    ]


# --- PDF --------------------------------------------------------------------------------

PDF_TEMPLATE_NAME = "benchmarks/statement.html"
# One A4 page: Azerbaijani and Russian text, the manat sign, a table of 20 rows. It
# extends the engine's own base template, as the documents app's PDFs do.
PDF_TEMPLATE = """{% extends "documents/pdf/base.html" %}
{% block title %}Aylıq satış hesabatı — {{ month }}{% endblock %}
{% block style %}
  table.lines th, table.lines td { width: auto; padding: 1.2mm 1.5mm; }
  table.lines th { color: #44515c; border-bottom: 0.8pt solid #0b4f6c; }
  .num { text-align: right; white-space: nowrap; }
  tfoot td { font-weight: bold; border-top: 0.8pt solid #0b4f6c; }
{% endblock %}
{% block body %}
<p class="muted">Yuva · ABAD · {{ centre }}</p>
<h1>Aylıq satış hesabatı: {{ family }}</h1>
<p>Hörmətli ailə üzvləri, bu hesabat {{ month }} ayında ABAD brendi altında satılan
məhsullarınızı, şəbəkələrin ödədiyi qiymətləri və sizə çatacaq məbləği göstərir.
Sual yaranarsa, Quba fabrikinin texnoloqu ilə əlaqə saxlayın: çörək, mürəbbə, şərbət
və xalça işləri üzrə məsləhət pulsuzdur.</p>
<p lang="ru">Уважаемые члены семьи! В отчёте указаны товары, проданные под брендом ABAD
за {{ month }}, цены торговых сетей и сумма к выплате в манатах (₼).</p>
<h2>Satışlar · Продажи</h2>
<table class="lines">
  <thead><tr><th>№</th><th>Məhsul</th><th>Товар</th><th>Şəbəkə</th>
    <th class="num">Say</th><th class="num">Qiymət</th><th class="num">Məbləğ</th></tr></thead>
  <tbody>
  {% for line in lines %}<tr><td>{{ forloop.counter }}</td><td>{{ line.name }}</td>
    <td>{{ line.name_ru }}</td><td>{{ line.chain }}</td><td class="num">{{ line.quantity }}</td>
    <td class="num">{{ line.price }} ₼</td><td class="num">{{ line.amount }} ₼</td></tr>
  {% endfor %}
  </tbody>
  <tfoot><tr><td colspan="6">Cəmi · Итого</td><td class="num">{{ total }} ₼</td></tr></tfoot>
</table>
<p class="footer-note">Yuva tərəfindən hazırlanıb. Məbləğlər manatla (₼), ƏDV daxil
deyil. Şəki, Şamaxı, Quba, Balakən — ölkənin hər yerində bir pəncərə.</p>
{% endblock %}
"""

_PRODUCTS = (
    ("Quba alma mürəbbəsi", "Губинское яблочное варенье", "Bravo"),
    ("Şəki halvası", "Шекинская халва", "Araz"),
    ("Göyçay nar şərbəti", "Гёйчайский гранатовый шербет", "Bazarstore"),
    ("Balakən fındığı", "Балаканский фундук", "Bravo"),
    ("Lənkəran çayı", "Ленкоранский чай", "Araz"),
    ("Şamaxı üzüm doşabı", "Шемахинский виноградный дошаб", "Bazarstore"),
    ("Qoz mürəbbəsi", "Варенье из грецких орехов", "Bravo"),
    ("Əncir qurusu", "Сушёный инжир", "Araz"),
    ("Quba xalçası (kiçik)", "Губинский ковёр (малый)", "Bazarstore"),
    ("Kəlağayı, ipək", "Келагаи, шёлк", "Bravo"),
    ("Zəfəran, 1 q", "Шафран, 1 г", "Araz"),
    ("Şəkərbura", "Шекербура", "Bazarstore"),
    ("Paxlava, 12 ədəd", "Пахлава, 12 шт.", "Bravo"),
    ("Tut bəkməzi", "Тутовый бекмез", "Araz"),
    ("Alça turşusu", "Алычовый соус", "Bazarstore"),
    ("Zoğal mürəbbəsi", "Кизиловое варенье", "Bravo"),
    ("Ev pendiri", "Домашний сыр", "Araz"),
    ("Qurudulmuş xurma", "Сушёная хурма", "Bazarstore"),
    ("Keramika kuzə", "Керамический кувшин", "Bravo"),
    ("Mis sini", "Медный поднос", "Araz"),
)


def pdf_context():
    lines = []
    for index, (name, name_ru, chain) in enumerate(_PRODUCTS):
        quantity = 12 + 7 * index
        price = Decimal("2.40") + Decimal("1.35") * index
        lines.append({"name": name, "name_ru": name_ru, "chain": chain, "quantity": quantity,
                      "price": price, "amount": price * quantity})
    return {
        "family": "Şəki Halvaçıları", "centre": "Quba fabriki", "month": "mart 2026",
        "lines": lines, "total": sum(line["amount"] for line in lines),
    }


def _templates_with(name, source):
    """The project's template settings with one extra in-memory template (cached)."""
    engine = settings.TEMPLATES[0]
    loaders = [
        ("django.template.loaders.locmem.Loader", {name: source}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    options = {**engine["OPTIONS"], "loaders": [("django.template.loaders.cached.Loader", loaders)]}
    return [{**engine, "APP_DIRS": False, "OPTIONS": options}]


def _raw_font_css():
    """The engine's @font-face rules, pointing at the shipped files by file:// URL."""
    from documents.pdf import FONT_FACES, FONTS_DIR

    faces = "\n".join(
        f"@font-face {{ font-family: '{family}'; src: url('{(FONTS_DIR / filename).as_uri()}');"
        f" font-weight: {weight}; font-style: {style}; }}"
        for family, filename, weight, style in FONT_FACES
    )
    return faces + "\nhtml { font-family: 'Yuva Sans'; }"


def _check_pdfs(pdfs):
    """Every variant is one page and embeds the same fonts (needs pypdf, a dev
    dependency; skipped without it)."""
    try:
        import pypdf
    except ImportError:
        return
    fonts_seen = {}
    for label, data in pdfs.items():
        reader = pypdf.PdfReader(io.BytesIO(data))
        if len(reader.pages) != 1:
            raise BenchmarkError(f"{label}: {len(reader.pages)} pages, expected one")
        fonts = reader.pages[0]["/Resources"]["/Font"]
        fonts_seen[label] = sorted(
            str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()
        )
    if len({tuple(names) for names in fonts_seen.values()}) != 1:
        raise BenchmarkError(f"the variants embed different fonts: {fonts_seen}")
    # A font is named after its @font-face family: "Yuva-Sans", "Yuva-Sans-Bold".
    if not all(name.lstrip("/").startswith("Yuva-") for name in next(iter(fonts_seen.values()))):
        raise BenchmarkError(f"the PDFs do not use the shipped fonts: {fonts_seen}")


def pdf_rows(*, runs, warmup):
    """Milliseconds per one-page PDF: plain WeasyPrint against the project's engine."""
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from documents.pdf import html_to_pdf, render_pdf

    language = "az"
    context = pdf_context()
    font_css = _raw_font_css()

    with override_settings(TEMPLATES=_templates_with(PDF_TEMPLATE_NAME, PDF_TEMPLATE)):
        # The very HTML render_pdf produces, so every variant lays out the same page.
        with translation.override(language):
            html = render_to_string(PDF_TEMPLATE_NAME, {**context, "LANGUAGE_CODE": language})

        def raw_fresh():
            # WeasyPrint as its documentation shows it: fonts set up for this document.
            font_config = FontConfiguration()
            css = CSS(string=font_css, font_config=font_config)
            return HTML(string=html).write_pdf(stylesheets=[css], font_config=font_config)

        shared_config = FontConfiguration()
        shared_css = CSS(string=font_css, font_config=shared_config)

        def raw_reused():
            return HTML(string=html).write_pdf(stylesheets=[shared_css], font_config=shared_config)

        variants = [
            ("raw WeasyPrint, fonts set up per call", raw_fresh),
            ("raw WeasyPrint, font setup reused", raw_reused),
            ("documents.pdf.html_to_pdf(html)", lambda: html_to_pdf(html)),
            ("documents.pdf.render_pdf(template)",
             lambda: render_pdf(PDF_TEMPLATE_NAME, context, language)),
        ]
        _check_pdfs({label: fn() for label, fn in variants})
        timings = measure([fn for _, fn in variants], runs=runs, warmup=warmup)
    return [(label, timing) for (label, _), timing in zip(variants, timings, strict=True)]
