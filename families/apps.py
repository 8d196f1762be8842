from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("ABAD families")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from families import models
        from families.viewsets.common import FamiliesPolicy

        generic = {
            models.Family: ("add", "change"),
            models.ServiceRequest: ("add",),
            models.Factory: ("add", "change"),
            models.ProductionLine: ("add", "change"),
            models.ShiftTemplate: ("add", "change"),
            models.Closure: ("add", "change"),
            models.BookingRules: ("add", "change"),
            models.Training: ("add", "change"),
            models.TrainingRecord: ("add",),
            models.Shift: ("add",),
            models.Suspension: ("add",),
            # Written only by services through their own screens:
            models.FamilyApplication: (), models.ShiftBooking: (), models.WaitlistEntry: (),
            models.ProductionLot: (), models.Notification: (),
        }
        for model, actions in generic.items():
            register_permission_policy(model, FamiliesPolicy(model, actions), exact_class=True)

        # --- fam-retail ---
        from families import retail_pdfs  # noqa: F401 - registers the PDF builders

        for model, actions in {models.RetailChain: ("add", "change"),
                               models.Store: ("add", "change"),
                               models.RetailContract: ("add", "change"),
                               models.Delivery: (), models.StoreReturn: ()}.items():
            register_permission_policy(model, FamiliesPolicy(model, actions), exact_class=True)

        # --- fam-products ---
        from families import labels  # noqa: F401  registers the label sheet builder

        for model, actions in {
            models.Brand: ("add", "change"), models.Product: ("add", "change"),
            models.GtinRange: ("add", "change"),
            # Written only through the product workspace and the proof upload page:
            models.DesignProof: (), models.ComplianceDocument: (), models.ProductPhoto: (),
            models.Artwork: (),
        }.items():
            register_permission_policy(model, FamiliesPolicy(model, actions), exact_class=True)
