from wagtail.contrib.settings.registry import register_setting

from cms.models import NavigationSettings

register_setting(NavigationSettings, icon="list-ul")
