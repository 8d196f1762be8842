"""The startup directory: startups that opted in (`public_profile`), filtered by sector,
stage and centre, each with a profile sub-page."""

from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms import selectors
from cms.models.live_base import paginate
from cms.routing import alternate_urls, latin_slug
from incubator.models import Startup


class StartupDirectoryPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "cms/live/startup_directory_page.html"

    class Meta:
        verbose_name = _("startup directory page")

    @staticmethod
    def startup_args(startup):
        return (startup.pk, latin_slug(startup.enterprise.name))

    def startup_url(self, startup, request=None):
        return self.get_url(request) + self.reverse_subpage("startup",
                                                            args=self.startup_args(startup))

    def get_sitemap_urls(self, request=None):
        base = self.get_full_url(request)
        return [*super().get_sitemap_urls(request), *(
            {"location": base + self.reverse_subpage("startup",
                                                     args=self.startup_args(startup)),
             "lastmod": startup.enterprise.updated_at}
            for startup in selectors.startups_public())]

    @path("")
    def index_route(self, request):
        from cms.live_filters import StartupFilterSet  # FilterSets need the models loaded

        filterset = StartupFilterSet(request.GET or None, queryset=selectors.startups_public())
        page, query = paginate(request, filterset.qs)
        page.object_list = [(startup, self.startup_url(startup, request))
                            for startup in page.object_list]
        return self.render(request, context_overrides={
            "filterset": filterset, "page_obj": page, "query": query,
            "alternate_urls": alternate_urls(self, request),
        })

    @path("<int:pk>-<slug:slug>/", name="startup")
    def startup_route(self, request, pk, slug):
        try:
            startup = selectors.startup_public(pk)
        except Startup.DoesNotExist as exc:
            raise Http404(_("No such startup.")) from exc
        args = self.startup_args(startup)
        if slug != args[1]:
            return redirect(self.startup_url(startup, request), permanent=True)
        return self.render(request, template="cms/live/startup_page.html", context_overrides={
            "startup": startup, "enterprise": startup.enterprise,
            "canonical_url": request.build_absolute_uri(self.startup_url(startup, request)),
            "alternate_urls": alternate_urls(self, request, "startup", args),
        })
