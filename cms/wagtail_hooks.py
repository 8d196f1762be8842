from wagtail import hooks
from wagtail.contrib.settings.registry import register_setting

from cms.models import NavigationSettings
from core.demo import SEED_HOOK

register_setting(NavigationSettings, icon="list-ul")


@hooks.register(SEED_HOOK, order=5)
def seed_site(stdout, size):
    from cms.demo import seed

    seed(stdout=stdout, size=size)
