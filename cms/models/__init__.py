"""Wagtail pages of the public site. They read the domain apps through selectors."""

from cms.models.catalogue import CataloguePage, FamilyStoryPage
from cms.models.centres import CentreIndexPage, CentrePage
from cms.models.contact import ContactFormField, ContactPage
from cms.models.events import EventIndexPage
from cms.models.home import HomePage
from cms.models.news import NewsIndexPage, NewsPage, NewsPageTag
from cms.models.programmes import ProgrammeIndexPage, ProgrammePage
from cms.models.site_settings import NavigationSettings
from cms.models.standard import StandardPage
from cms.models.startups import StartupDirectoryPage

__all__ = [
    "CataloguePage", "CentreIndexPage", "CentrePage", "ContactFormField", "ContactPage",
    "EventIndexPage", "FamilyStoryPage", "HomePage", "NavigationSettings", "NewsIndexPage",
    "NewsPage", "NewsPageTag", "ProgrammeIndexPage", "ProgrammePage", "StandardPage",
    "StartupDirectoryPage",
]
