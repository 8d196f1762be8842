from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import SitePage

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, SitePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        """The live articles under this index, newest first, with their listing images
        and tags fetched in a constant number of queries."""
        return (NewsPage.objects.child_of(self).live().public()
                .select_related("listing_image")
                .prefetch_related("tags", "listing_image__renditions")
                .order_by("-date", "-pk"))

    @path("")
    def index(self, request):
        articles = self.articles()
        tag = request.GET.get("tag", "").strip()
        if tag:
            articles = articles.filter(tags__slug=tag)
        page = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return self.render(request, context_overrides={
            "articles": page, "tag": tag, "tags": self.tags(),
        })

    @path("rss/")
    def rss(self, request):
        from cms.feeds import NewsFeed

        return NewsFeed(self)(request)

    def tags(self):
        from taggit.models import Tag

        return (Tag.objects.filter(cms_newspagetag_items__content_object__in=NewsPage.objects
                                   .child_of(self).live().public())
                .distinct().order_by("name"))


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class NewsPage(SitePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), help_text=_("One or two sentences for lists."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [*SitePage.content_panels, FieldPanel("date"), FieldPanel("intro"),
                      FieldPanel("body"), FieldPanel("tags")]
    search_fields = [*SitePage.search_fields, index.SearchField("intro"),
                     index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
