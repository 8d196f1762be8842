from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("portal/", include("core.urls")),
    path("portal/documents/", include("documents.urls")),
    path("portal/startups/", include("incubator.urls")),
    path("portal/programmes/", include("programmes.urls")),
    path("portal/events/", include("events.urls")),
    path("portal/families/", include("families.urls")),
    path("verify/", include("documents.urls_verify")),
    path("events/", include("events.public_urls")),
    path("files/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
