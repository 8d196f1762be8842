"""The public site's layout helpers: language links (same page in another language),
navigation from the site settings, canonical URL."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from cms.models.site_settings import NavigationSettings, links_of

register = template.Library()


def _alternates(context):
    """[(code, name, url)] for the languages the current thing exists in."""
    request = context.get("request")
    supplied = context.get("alternate_urls")
    names = dict(settings.LANGUAGES)
    if supplied:
        items = supplied.items() if isinstance(supplied, dict) else (
            (code, url) for code, _label, url in supplied)
        return [(code, names[code], url) for code, url in items if url]
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        by_code = {}
        for translated in page.get_translations(inclusive=True).live().select_related(
                "locale"):
            by_code[translated.locale.language_code] = translated.get_url(request)
        return [(code, name, by_code[code]) for code, name in settings.LANGUAGES
                if by_code.get(code)]
    if request is None:
        return []
    path = request.get_full_path()
    return [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def language_links(context):
    current = translation.get_language()
    return [{"code": code, "name": name, "url": url, "current": code == current}
            for code, name, url in _alternates(context)]


@register.simple_tag(takes_context=True)
def absolute(context, url):
    request = context.get("request")
    if not url or request is None:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def site_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"menu": [], "footer": [], "text": ""}
    nav = NavigationSettings.for_site(site)
    menu = links_of(nav.menu, request)
    if not menu:  # nothing chosen yet: the home page's children shown in menus
        menu = [(child.title, child.get_url(request)) for child in
                site.root_page.localized.get_children().live().in_menu()]
    return {"menu": menu, "footer": links_of(nav.footer_links, request),
            "text": nav.footer_text()}


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return f"/{translation.get_language()}/"
    root = site.root_page.localized
    return root.get_url(request)
