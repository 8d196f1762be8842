"""Hooks of the live pages (imported by CmsConfig.ready): their demo pages, after the
site frame's."""

from wagtail import hooks

from core.demo import SEED_HOOK


@hooks.register(SEED_HOOK, order=10)
def seed_live_pages(stdout, size):
    from cms.demo_live import seed

    seed(stdout=stdout)
