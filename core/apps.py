from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Yuva core")
    default = True

    def ready(self):
        # Wagtail's reference index tracks which content uses which object, for the
        # admin's "usage" screens. Our operational records (bookings, registrations,
        # documents, ...) are referenced by no content, yet every save of one would run
        # extra index queries and add index rows: tens of thousands for a year of
        # bookings. So the index covers the CMS only; a model may opt back in by
        # setting `wagtail_reference_index_ignore = False` itself.
        from django.apps import apps
        from django.conf import settings
        from django.contrib.auth import get_user_model

        operational = set(settings.YUVA_APPS) - {"cms"}
        user_model = get_user_model()  # Wagtail's own models reference users: keep it
        for model in apps.get_models():
            if (model._meta.app_label in operational and model is not user_model
                    and "wagtail_reference_index_ignore" not in vars(model)):
                model.wagtail_reference_index_ignore = True


class YuvaUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our e-mail + full-name User."""

    user_viewset = "core.viewsets.UserViewSet"
