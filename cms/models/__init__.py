from cms.models.contact import ContactFormField, ContactPage
from cms.models.home import HomePage
from cms.models.news import NewsIndexPage, NewsPage, NewsPageTag
from cms.models.site_settings import NavigationSettings
from cms.models.standard import StandardPage

__all__ = [
    "ContactFormField", "ContactPage", "HomePage", "NavigationSettings", "NewsIndexPage",
    "NewsPage", "NewsPageTag", "StandardPage",
]
