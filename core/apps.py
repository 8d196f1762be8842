from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Yuva core")
    default = True


class YuvaUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our e-mail + full-name User."""

    user_viewset = "core.viewsets.UserViewSet"
