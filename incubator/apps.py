from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("Incubator")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from incubator.models import (
            ImpactReport,
            Mentor,
            MentorAssignment,
            MentoringSession,
            OfficeHourSlot,
            SlotBooking,
            Startup,
        )
        from incubator.viewsets.common import ClosedActionsPolicy

        # Nothing is deleted; slots, bookings and reports are written only through the
        # portal and the custom screens, which call the services.
        closed = {
            Startup: ("delete",),
            Mentor: ("delete",),
            MentoringSession: ("delete",),
            MentorAssignment: ("change", "delete"),
            OfficeHourSlot: ("add", "change", "delete"),
            SlotBooking: ("add", "change", "delete"),
            ImpactReport: ("add", "change", "delete"),
        }
        for model, actions in closed.items():
            register_permission_policy(model, ClosedActionsPolicy(model, closed=actions),
                                       exact_class=True)
