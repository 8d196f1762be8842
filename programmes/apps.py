from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from programmes.models import (
            Application,
            Call,
            Cohort,
            ConflictOfInterest,
            DecisionEmailTemplate,
            Programme,
            Review,
            ReviewRound,
        )
        from programmes.viewsets import (
            AddOnlyPolicy,
            NoDeletePolicy,
            ReadOnlyPolicy,
        )

        for model in (Programme, Call, ReviewRound, Cohort, DecisionEmailTemplate):
            register_permission_policy(model, NoDeletePolicy(model), exact_class=True)
        for model in (Application, Review):
            register_permission_policy(model, ReadOnlyPolicy(model), exact_class=True)
        register_permission_policy(ConflictOfInterest, AddOnlyPolicy(ConflictOfInterest),
                                   exact_class=True)
