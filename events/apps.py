from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from events.models import Event, Registration
        from events.viewsets import NoDeleteEventPolicy, ReadOnlyRegistrationPolicy

        register_permission_policy(Event, NoDeleteEventPolicy(Event), exact_class=True)
        register_permission_policy(Registration, ReadOnlyRegistrationPolicy(Registration),
                                   exact_class=True)
