from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """A signed-in person sees the site in their preferred language unless they
    picked another one in the switcher (the language cookie) or the URL says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language
            # A language prefix in the URL (the public site's /az/, /en/, /ru/) wins.
            and not translation.get_language_from_path(request.path_info)
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
