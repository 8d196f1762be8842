from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public website")

    def ready(self):
        from cms import signals

        signals.connect()
        post_migrate.connect(signals.ensure_locales, sender=self,
                             dispatch_uid="cms-ensure-locales")

        from cms import hooks_live, search_live  # noqa: F401 - hooks_live registers hooks

        search_live.register()
