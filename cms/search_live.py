"""The live catalogue and startup directory as sources of the site search
(cms.search.SEARCH_SOURCES): products on sale and startups that opted in, with links
to their sub-pages in the searcher's language."""

from django.db.models import Q
from django.utils import translation
from django.utils.text import Truncator
from wagtail.models import Locale

from cms import selectors
from cms.search import SEARCH_SOURCES

LIMIT = 20


def _live_page(model, language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    return model.objects.live().filter(locale=locale).first()


def search_products(query, language_code):
    from cms.models import CataloguePage

    query = (query or "").strip()
    catalogue = _live_page(CataloguePage, language_code) if query else None
    if catalogue is None:
        return []
    matches = (selectors.products_listed().filter(
        Q(name_az__icontains=query) | Q(name_en__icontains=query) | Q(name_ru__icontains=query)
        | Q(description_az__icontains=query) | Q(description_en__icontains=query)
        | Q(description_ru__icontains=query) | Q(brand__name__icontains=query)
        | Q(family__enterprise__name__icontains=query))[:LIMIT])
    base = catalogue.get_url()
    with translation.override(language_code):
        return [{
            "title": product.name,
            "url": base + catalogue.reverse_subpage("product",
                                                    args=catalogue.product_args(product)),
            "summary": Truncator(product.description or
                                 f"{product.brand.name} · {product.get_category_display()}"
                                 ).chars(200),
            "kind": str(translation.gettext("Product")),
        } for product in matches]


def search_startups(query, language_code):
    from cms.models import StartupDirectoryPage

    query = (query or "").strip()
    directory = _live_page(StartupDirectoryPage, language_code) if query else None
    if directory is None:
        return []
    matches = selectors.startups_public().filter(
        Q(enterprise__name__icontains=query) | Q(pitch__icontains=query)
        | Q(enterprise__description__icontains=query) | Q(technology__icontains=query))[:LIMIT]
    base = directory.get_url()
    with translation.override(language_code):
        return [{
            "title": startup.enterprise.name,
            "url": base + directory.reverse_subpage("startup",
                                                   args=directory.startup_args(startup)),
            "summary": Truncator(startup.pitch or startup.enterprise.description).chars(200),
            "kind": str(translation.gettext("Startup")),
        } for startup in matches]


def register():
    for source in (search_products, search_startups):
        if source not in SEARCH_SOURCES:
            SEARCH_SOURCES.append(source)
