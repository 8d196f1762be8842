"""The families back office: two menu groups (families and factories) of viewsets,
plus custom pages (application decisions, the request workspace, shift actions, the
shift sheet, the utilisation report) under /admin/abad/ (namespace families_admin)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from families.viewsets import bookings, factories, families, requests, sheet, shifts


class FamiliesViewSetGroup(ViewSetGroup):
    menu_label = _("ABAD families")
    menu_icon = "group"
    menu_order = 220
    items = (
        families.FamilyViewSet("abad_families", url_prefix="abad/families"),
        families.ApplicationViewSet("abad_applications", url_prefix="abad/applications"),
        requests.ServiceRequestViewSet("abad_requests", url_prefix="abad/service-requests"),
        bookings.SuspensionViewSet("abad_suspensions", url_prefix="abad/suspensions"),
        factories.TrainingViewSet("abad_trainings", url_prefix="abad/trainings"),
        factories.TrainingRecordViewSet("abad_training_records",
                                        url_prefix="abad/training-records"),
        bookings.NotificationViewSet("abad_emails", url_prefix="abad/emails"),
    )


class FactoriesViewSetGroup(ViewSetGroup):
    menu_label = _("ABAD factories")
    menu_icon = "home"
    menu_order = 230
    items = (
        shifts.ShiftViewSet("abad_shifts", url_prefix="abad/shifts"),
        bookings.ShiftBookingViewSet("abad_bookings", url_prefix="abad/bookings"),
        bookings.WaitlistViewSet("abad_waitlist", url_prefix="abad/waiting-list"),
        bookings.ProductionLotViewSet("abad_lots", url_prefix="abad/lots"),
        factories.FactoryViewSet("abad_factories", url_prefix="abad/factories"),
        factories.ProductionLineViewSet("abad_lines", url_prefix="abad/lines"),
        factories.ShiftTemplateViewSet("abad_templates", url_prefix="abad/shift-templates"),
        factories.ClosureViewSet("abad_closures", url_prefix="abad/closures"),
        factories.BookingRulesViewSet("abad_rules", url_prefix="abad/booking-rules"),
    )


admin_urlpatterns = [
    *families.urlpatterns, *requests.urlpatterns, *factories.urlpatterns,
    *shifts.urlpatterns, *bookings.urlpatterns, *sheet.urlpatterns,
]


# --- fam-retail ---
from families.viewsets import retail, retail_deliveries  # noqa: E402


class RetailViewSetGroup(ViewSetGroup):
    menu_label = _("ABAD retail")
    menu_icon = "site"
    menu_order = 240
    items = (
        retail.ContractViewSet("abad_contracts", url_prefix="abad/contracts"),
        retail_deliveries.DeliveryViewSet("abad_deliveries", url_prefix="abad/deliveries"),
        retail_deliveries.ReturnViewSet("abad_returns", url_prefix="abad/returns"),
        retail.ChainViewSet("abad_chains", url_prefix="abad/chains"),
        retail.StoreViewSet("abad_stores", url_prefix="abad/stores"),
    )


admin_urlpatterns += [*retail.urlpatterns, *retail_deliveries.urlpatterns]
# --- fam-products ---
from families.viewsets import products as _products  # noqa: E402

admin_urlpatterns += _products.urlpatterns


# --- fam-sales ---
from families.viewsets import sales as sales_viewsets  # noqa: E402


class SalesViewSetGroup(ViewSetGroup):
    menu_label = _("ABAD sales")
    menu_icon = "table"
    menu_order = 240
    items = (
        sales_viewsets.SalesImportViewSet("abad_sales_imports", url_prefix="abad/sales-imports"),
        sales_viewsets.SalesRecordViewSet("abad_sales_records", url_prefix="abad/sales-records"),
    )


admin_urlpatterns += sales_viewsets.urlpatterns
