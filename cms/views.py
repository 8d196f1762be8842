"""Public views outside the page tree: the language redirect, search, robots.txt,
sitemap.xml."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale, Page

from cms.search import SEARCH_SOURCES
from cms.sitemap import MultilingualSitemap

RESULTS_PER_PAGE = 10


@require_GET
def language_root(request):
    """/ → /az/ (or the visitor's language, from the cookie or the browser)."""
    language = get_language_from_request(request)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    response = HttpResponseRedirect(f"/{language}/")
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        language = request.LANGUAGE_CODE
        pages = (Page.objects.live().public().filter(locale=Locale.get_active())
                 .exclude(depth=1).search(query))
        results = [{"title": page.title, "url": page.get_url(request),
                    "summary": page.search_description,
                    "kind": page.specific_class._meta.verbose_name} for page in pages]
        for source in SEARCH_SOURCES:
            results.extend(source(query, language))
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "cms/search.html", {
        "query": query, "results": page, "count": len(results),
    })


def not_found_page(request):
    """The site's 404 page as visitors see it with DEBUG off (URL only with DEBUG on)."""
    return page_not_found(request, Http404())


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /portal/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": MultilingualSitemap(request)})
