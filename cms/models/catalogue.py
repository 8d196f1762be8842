"""The ABAD catalogue: products on sale ("listed"), by category and family brand, each
with where to buy it (the stores of chains whose active contract lists it) on its own
sub-page; and the family stories editors write, each showing that family's products."""

from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from cms import selectors
from cms.models.live_base import paginate
from cms.models.live_blocks import StoryBlock
from cms.routing import alternate_urls, latin_slug
from families.models import Product


class CataloguePage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.FamilyStoryPage"]
    max_count_per_parent = 1
    template = "cms/live/catalogue_page.html"

    class Meta:
        verbose_name = _("catalogue page")

    @staticmethod
    def product_args(product):
        return (product.pk, latin_slug(product.name_en or product.name_az))

    def product_url(self, product, request=None):
        return self.get_url(request) + self.reverse_subpage("product",
                                                            args=self.product_args(product))

    def get_sitemap_urls(self, request=None):
        base = self.get_full_url(request)
        return [*super().get_sitemap_urls(request), *(
            {"location": base + self.reverse_subpage("product",
                                                     args=self.product_args(product)),
             "lastmod": product.status_changed_at}
            for product in Product.objects.filter(status=Product.Status.LISTED)
            .order_by("pk"))]

    @path("")
    def index_route(self, request):
        from cms.live_filters import ProductFilterSet  # FilterSets need the models loaded

        filterset = ProductFilterSet(request.GET or None, queryset=selectors.products_listed())
        page, query = paginate(request, filterset.qs)
        page.object_list = [(product, self.product_url(product, request))
                            for product in page.object_list]
        return self.render(request, context_overrides={
            "filterset": filterset, "page_obj": page, "query": query,
            "stories": list(FamilyStoryPage.objects.child_of(self).live()
                            .select_related("family__enterprise").order_by("path")),
            "alternate_urls": alternate_urls(self, request),
        })

    @path("<int:pk>-<slug:slug>/", name="product")
    def product_route(self, request, pk, slug):
        try:
            product = selectors.product_listed(pk)
        except Product.DoesNotExist as exc:
            raise Http404(_("No such product.")) from exc
        args = self.product_args(product)
        if slug != args[1]:
            return redirect(self.product_url(product, request), permanent=True)
        story = (FamilyStoryPage.objects.child_of(self).live()
                 .filter(family_id=product.family_id).first())
        return self.render(request, template="cms/live/product_page.html", context_overrides={
            "product": product, "story": story,
            "canonical_url": request.build_absolute_uri(self.product_url(product, request)),
            "story_url": story.get_url(request) if story else "",
            "alternate_urls": alternate_urls(self, request, "product", args),
        })


class FamilyStoryPage(Page):
    family = models.ForeignKey("families.Family", verbose_name=_("family business"),
                               on_delete=models.PROTECT, related_name="+")
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StoryBlock(), verbose_name=_("story"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("family"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.CataloguePage"]
    subpage_types = []
    template = "cms/live/family_story_page.html"

    class Meta:
        verbose_name = _("family story page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = CataloguePage.objects.parent_of(self).get()
        context["catalogue"] = catalogue
        context["products"] = [(product, catalogue.product_url(product, request))
                               for product in selectors.products_listed_of(self.family_id)]
        context["enterprise"] = (type(self).objects.select_related("family__enterprise")
                                 .get(pk=self.pk).family.enterprise)
        context["alternate_urls"] = alternate_urls(self, request)
        return context
