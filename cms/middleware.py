from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 answered by a view outside the
    language-prefixed site (a portal page for an object you may not see) stays a 404.
    Django would redirect it to /<lang>/<path>, which Wagtail's catch-all "matches".
    Unknown unprefixed addresses (no URL pattern at all) still go to /<lang>/<path>."""

    def process_response(self, request, response):
        if response.status_code == 404 and getattr(request, "resolver_match", None):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
