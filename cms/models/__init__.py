"""Wagtail pages of the public site. They read the domain apps through selectors."""

from cms.models.catalogue import CataloguePage, FamilyStoryPage
from cms.models.centres import CentreIndexPage, CentrePage
from cms.models.events import EventIndexPage
from cms.models.home import HomePage
from cms.models.programmes import ProgrammeIndexPage, ProgrammePage
from cms.models.startups import StartupDirectoryPage

__all__ = [
    "CataloguePage",
    "CentreIndexPage",
    "CentrePage",
    "EventIndexPage",
    "FamilyStoryPage",
    "HomePage",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "StartupDirectoryPage",
]
