"""Hooks of the live pages (imported by CmsConfig.ready): their demo pages, after the
site frame's and after every app's data (order 50), so the catalogue and family stories
have products to show."""

from wagtail import hooks

from core.demo import SEED_HOOK


@hooks.register(SEED_HOOK, order=50)
def seed_live_pages(stdout, size):
    from cms.demo_live import seed

    seed(stdout=stdout)
