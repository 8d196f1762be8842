from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Every live public page of the site in every language: the trees under each
    translation of the site's root page (Wagtail's own covers only the default one)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.translation_of(root, inclusive=True)
        within = Q(pk__in=[])
        for path in roots.values_list("path", flat=True):
            within |= Q(path__startswith=path)
        return (Page.objects.filter(within).live().public().order_by("path")
                .defer_streamfields().specific())
