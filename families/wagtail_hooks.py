from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.demo import SEED_HOOK
from core.portal import ENTERPRISE_PAGE_PANELS, PORTAL_HOME_PANELS
from families import panels
from families.viewsets import FactoriesViewSetGroup, FamiliesViewSetGroup, admin_urlpatterns
from families.viewsets.reports import UtilisationReportView


@hooks.register("register_admin_viewset")
def register_families_viewsets():
    return [FamiliesViewSetGroup(), FactoriesViewSetGroup()]


@hooks.register("register_admin_urls")
def register_families_admin_urls():
    return [
        path("abad/", include((admin_urlpatterns, "families_admin"))),
        path("reports/abad-utilisation/", UtilisationReportView.as_view(),
             name="families_utilisation_report"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, perm, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register("register_admin_menu_item")
def register_shift_sheet_menu_item():
    return PermissionMenuItem(_("Shift sheet"), reverse("families_admin:sheet_index"),
                              name="abad-shift-sheet", icon_name="clipboard-list", order=225,
                              perm="families.run_shift_sheet")


@hooks.register("register_reports_menu_item")
def register_utilisation_report_menu_item():
    return PermissionMenuItem(_("Shift utilisation"), reverse("families_utilisation_report"),
                              name="abad-utilisation", icon_name="table", order=800,
                              perm="families.see_reports")


@hooks.register("construct_homepage_panels")
def families_homepage_panels(request, homepage_panels):
    panels.construct_homepage_panels(request, homepage_panels)


@hooks.register(PORTAL_HOME_PANELS)
def families_portal_home_panel(request):
    return panels.portal_home_panel(request)


@hooks.register(ENTERPRISE_PAGE_PANELS)
def families_enterprise_panel(request, enterprise):
    return panels.enterprise_panel(request, enterprise)


@hooks.register("register_log_actions")
def register_families_log_actions(actions):
    for action, label, message in (
        ("yuva.application_accepted", _("Accept family application"),
         _("Family application accepted")),
        ("yuva.application_declined", _("Decline family application"),
         _("Family application declined")),
        ("yuva.request_assigned", _("Assign service request"), _("Service request assigned")),
        ("yuva.request_closed", _("Close service request"), _("Service request closed")),
        ("yuva.shift_cancelled", _("Cancel shift"), _("Shift cancelled")),
        ("yuva.shift_technician", _("Assign technician"), _("Technician assigned")),
        ("yuva.suspension_lifted", _("Lift suspension"), _("Suspension lifted")),
        ("yuva.training_revoked", _("Revoke training record"), _("Training record revoked")),
        ("yuva.lot_signed_off", _("Sign off production lot"), _("Production lot signed off")),
        ("yuva.notification_retry", _("Send e-mail again"), _("E-mail queued again")),
    ):
        actions.register_action(action, label, message)


@hooks.register(SEED_HOOK)
def seed_families(stdout, size):
    from families.demo import seed

    stdout.write(f"families: {seed(size=size)}.")


# --- fam-retail ---
@hooks.register("register_log_actions")
def register_retail_log_actions(actions):
    for action, label, message in (
        ("yuva.contract_activated", _("Activate contract"), _("Contract activated")),
        ("yuva.contract_terminated", _("Terminate contract"), _("Contract terminated")),
        ("yuva.contract_expired", _("Expire contract"), _("Contract expired")),
        ("yuva.contract_item_added", _("List a product"), _("Product listed")),
        ("yuva.contract_item_repriced", _("Change listed prices"), _("Listed prices changed")),
        ("yuva.contract_item_removed", _("Unlist a product"), _("Product unlisted")),
        ("yuva.delivery_cancelled", _("Cancel delivery"), _("Delivery cancelled")),
    ):
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_retail_viewsets():
    from families.viewsets import RetailViewSetGroup

    return [RetailViewSetGroup()]


@hooks.register("register_admin_urls")
def register_retail_report_url():
    from families.viewsets.retail_deliveries import ReconciliationView

    return [path("reports/abad-reconciliation/", ReconciliationView.as_view(),
                 name="families_reconciliation_report")]


@hooks.register("register_reports_menu_item")
def register_reconciliation_menu_item():
    return PermissionMenuItem(_("Retail reconciliation"),
                              reverse("families_reconciliation_report"),
                              name="abad-reconciliation", icon_name="table", order=810,
                              perm="families.view_delivery")


@hooks.register(PORTAL_HOME_PANELS)
def families_retail_portal_panel(request):
    from core.portal import Panel
    from families.selectors.families import families_for_user

    families = [f for f in families_for_user(request.user) if f.products.exists()]
    if not families:
        return None
    return Panel(title=_("My products in stores"),
                 template_name="families/panels/portal_retail.html",
                 context={"families": families[:3]}, order=25)


@hooks.register(SEED_HOOK, order=30)
def seed_retail(stdout, size):
    from families.demo_retail import seed

    stdout.write(f"families retail: {seed(size=size)}.")


# --- fam-products ---
@hooks.register("register_log_actions")
def register_product_log_actions(actions):
    for action, label, message in (
        ("yuva.product_status", _("Change product status"), _("Product status changed")),
        ("yuva.gtin_assigned", _("Assign GTIN"), _("GTIN assigned")),
        ("yuva.proof_uploaded", _("Upload design proof"), _("Design proof uploaded")),
        ("yuva.proof_approved", _("Approve design proof"), _("Design proof approved")),
        ("yuva.proof_changes", _("Ask for design changes"), _("Design changes requested")),
        ("yuva.labels_requested", _("Print labels"), _("Label sheet requested")),
    ):
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_product_viewsets():
    from families.viewsets.products import ProductsViewSetGroup

    return [ProductsViewSetGroup()]


# registers the seed hooks of the products (order 20) and of the production history (25)
from families import demo_history, demo_products  # noqa: E402, F401


@hooks.register(PORTAL_HOME_PANELS)
def families_products_portal_panel(request):
    from families.panels_products import portal_products_panel

    return portal_products_panel(request)


# --- fam-sales ---
@hooks.register("register_log_actions")
def register_sales_log_actions(actions):
    for action, label, message in (
        ("yuva.sales_import_uploaded", _("Upload sales report"), _("Sales report uploaded")),
        ("yuva.sales_import_confirmed", _("Import sales report"),
         _("Sales report import confirmed")),
        ("yuva.sales_import_discarded", _("Discard sales report"), _("Sales report discarded")),
        ("yuva.sales_import_retried", _("Check sales report again"),
         _("Sales report queued for checking again")),
        ("yuva.statement_issued", _("Issue family statement"), _("Family statement issued")),
    ):
        actions.register_action(action, label, message)


@hooks.register(PORTAL_HOME_PANELS)
def families_portal_sales_panel(request):
    return panels.portal_sales_panel(request)


def _close_sales_generic_screens():
    """Imports and records are written only by the sales services (no generic add,
    edit or delete)."""
    from wagtail.permissions import register_permission_policy

    from families.models import SalesImport, SalesRecord
    from families.viewsets.common import FamiliesPolicy

    for model in (SalesImport, SalesRecord):
        register_permission_policy(model, FamiliesPolicy(model, ()), exact_class=True)


_close_sales_generic_screens()


@hooks.register("register_admin_viewset")
def register_sales_viewsets():
    from families.viewsets import SalesViewSetGroup

    return [SalesViewSetGroup()]


@hooks.register("register_admin_urls")
def register_sales_report_url():
    from families.viewsets.sales_report import SalesReportView

    return [path("reports/abad-sales/", SalesReportView.as_view(), name="families_sales_report")]


@hooks.register("register_reports_menu_item")
def register_sales_report_menu_item():
    return PermissionMenuItem(_("ABAD sales"), reverse("families_sales_report"),
                              name="abad-sales", icon_name="table", order=810,
                              perm="families.see_sales")


from families import demo_sales  # noqa: E402,F401 - registers the sales seed (order 40)
