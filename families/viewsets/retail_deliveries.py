"""Staff screens of deliveries (record one with its lines, cancel it, the delivery note
PDF), returns from stores, and the reconciliation report."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from core.errors import DomainError
from families.filters_retail import DeliveryFilterSet, ReturnFilterSet
from families.forms.retail import (
    DeliveryForm,
    LanguageForm,
    LineFormSet,
    ReconciliationFilterForm,
    ReturnForm,
    lines_of,
    returnable_lots,
)
from families.forms.staff import ReasonForm
from families.models import Delivery, ReturnLine, StoreReturn
from families.selectors.retail import (
    deliveries_for_staff,
    delivery_lines_of,
    reconciliation,
    reconciliation_summary,
    returns_for_staff,
)
from families.services.deliveries import delivery_cancel, delivery_create, store_return_create
from families.viewsets.common import AdminPageMixin, add_errors, require
from families.viewsets.families import ActionFormView
from families.viewsets.retail import RETAIL_HEADINGS, RetailPdfView


class LinesCreateView(AdminPageMixin, TemplateView):
    """A header form and a formset of (lot, quantity) lines, saved by one service call
    (all or nothing); a refusal shows above the form."""

    template_name = "families/admin/lines_form.html"
    permission = None
    form_class = None
    header_icon = "plus"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, self.permission)
        return super().dispatch(request, *args, **kwargs)

    def lots(self):
        return None

    def get(self, request, *args, **kwargs):
        self.form = self.form_class(initial=request.GET.dict() or None)
        self.formset = LineFormSet(prefix="lines", form_kwargs={"lots": self.lots()})
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.form = self.form_class(request.POST)
        self.formset = LineFormSet(request.POST, prefix="lines",
                                   form_kwargs={"lots": self.lots()})
        if self.form.is_valid() and self.formset.is_valid():
            lines = lines_of(self.formset)
            if not lines:
                self.form.add_error(None, _("Add at least one line: a lot and a quantity."))
            else:
                try:
                    result = self.perform(self.form.cleaned_data, lines)
                except DomainError as exc:
                    add_errors(self.form, exc)
                else:
                    messages.success(request, self.success_message(result))
                    return redirect(self.success_url(result))
        messages.error(request, _("Nothing was saved. Please correct the errors below."))
        return self.render_to_response(self.get_context_data(), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"form": self.form, "formset": self.formset,
                        "submit_label": self.submit_label,
                        "media": self.form.media + self.formset.media})
        return context


# --- deliveries -----------------------------------------------------------------------

class DeliveryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return deliveries_for_staff()

    def get_add_url(self):
        if self.request.user.has_perm("families.add_delivery"):
            return reverse("families_admin:delivery_create")
        return None


class DeliveryCreateView(LinesCreateView):
    permission = "families.add_delivery"
    form_class = DeliveryForm
    page_title = gettext_lazy("Record a delivery")
    submit_label = gettext_lazy("Record the delivery")
    index_url_name = "abad_deliveries:index"
    index_label = gettext_lazy("Deliveries")

    def perform(self, data, lines):
        return delivery_create(contract=data["contract"], store=data["store"],
                               delivered_on=data["delivered_on"], lines=lines,
                               created_by=self.request.user, note=data["note"])

    def success_message(self, result):
        return _("Delivery %(number)s was recorded; the stock was taken from the lots.") % {
            "number": result.number}

    def success_url(self, result):
        return reverse("abad_deliveries:inspect", args=[result.pk])


class DeliveryInspectView(generic.InspectView):
    template_name = "families/admin/delivery_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({
            "lines": list(delivery_lines_of(self.object)),
            "pdf_url": reverse("families_admin:delivery_pdf", args=[self.object.pk]),
            "language_form": LanguageForm(
                initial={"language": self.request.user.preferred_language}),
        })
        return context

    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if self.object.status == Delivery.Status.DELIVERED and \
                self.request.user.has_perm("families.change_delivery"):
            buttons.append(HeaderButton(_("Cancel the delivery"), icon_name="cross", url=reverse(
                "families_admin:delivery_cancel", args=[self.object.pk])))
        return buttons


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "cogs"
    menu_label = gettext_lazy("Deliveries")
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["note"]  # required by ModelViewSet; writes have their own screens
    inspect_view_fields = ["number", "contract", "store", "delivered_on", "status", "note",
                           "created_by", "created_at", "cancelled_at", "cancel_reason"]
    list_display = [
        "number", Column("store", label=gettext_lazy("Store")),
        Column("contract", label=gettext_lazy("Contract")),
        Column("delivered_on", label=gettext_lazy("Delivered"), sort_key="delivered_on"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda d: d.status == "delivered"),
        Column("line_count", label=gettext_lazy("Lines"), sort_key="line_count"),
        Column("total_quantity", label=gettext_lazy("Quantity"), sort_key="total_quantity",
               accessor=lambda d: f"{(d.total_quantity or 0).normalize():f}"),
    ]
    filterset_class = DeliveryFilterSet
    search_fields = ["number", "store__name", "store__code", "contract__number"]
    export_headings = RETAIL_HEADINGS
    list_export = ["number", "contract", "store", "store.code", "delivered_on",
                   "get_status_display", "line_count", "total_quantity", "cancel_reason"]
    export_filename = "abad-deliveries"


class DeliveryCancelView(ActionFormView):
    permission = "families.change_delivery"
    form_class = ReasonForm
    submit_label = gettext_lazy("Cancel the delivery")
    index_url_name = "abad_deliveries:index"
    index_label = gettext_lazy("Deliveries")
    header_icon = "cross"

    def get_object(self):
        return get_object_or_404(deliveries_for_staff(), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Cancel delivery %(number)s") % {"number": self.object.number}

    def summary(self):
        d = self.object
        return [(_("Store"), d.store), (_("Delivered on"), d.delivered_on.strftime("%d.%m.%Y")),
                (_("Lines"), d.line_count)]

    def perform(self, data):
        return delivery_cancel(delivery=self.object, actor=self.request.user,
                               reason=data["reason"])

    def success_message(self, result):
        return _("The delivery was cancelled; its stock is back in the lots.")

    def get_success_url(self, result):
        return reverse("abad_deliveries:inspect", args=[self.object.pk])


class DeliveryPdfView(RetailPdfView):
    permission = "families.view_delivery"
    queryset = Delivery.objects.all()


# --- returns --------------------------------------------------------------------------

class ReturnIndexView(generic.IndexView):
    def get_base_queryset(self):
        return returns_for_staff()

    def get_add_url(self):
        if self.request.user.has_perm("families.add_storereturn"):
            return reverse("families_admin:return_create")
        return None


class ReturnCreateView(LinesCreateView):
    permission = "families.add_storereturn"
    form_class = ReturnForm
    page_title = gettext_lazy("Record a return")
    submit_label = gettext_lazy("Record the return")
    index_url_name = "abad_returns:index"
    index_label = gettext_lazy("Returns")

    def lots(self):
        return returnable_lots()

    def perform(self, data, lines):
        return store_return_create(contract=data["contract"], store=data["store"],
                                   returned_on=data["returned_on"], reason=data["reason"],
                                   lines=lines, created_by=self.request.user, note=data["note"])

    def success_message(self, result):
        return _("The return was recorded.")

    def success_url(self, result):
        return reverse("abad_returns:inspect", args=[result.pk])


class ReturnInspectView(generic.InspectView):
    template_name = "families/admin/delivery_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = list(ReturnLine.objects.filter(store_return=self.object)
                                .select_related("product", "lot").order_by("pk"))
        context["restocked_column"] = True
        return context


class ReturnViewSet(ModelViewSet):
    model = StoreReturn
    icon = "undo"
    menu_label = gettext_lazy("Returns")
    index_view_class = ReturnIndexView
    inspect_view_class = ReturnInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["note"]
    inspect_view_fields = ["contract", "store", "returned_on", "reason", "note", "created_by",
                           "created_at"]
    list_display = [
        "__str__", Column("contract", label=gettext_lazy("Contract")),
        Column("returned_on", label=gettext_lazy("Returned"), sort_key="returned_on"),
        "reason",
        Column("total_quantity", label=gettext_lazy("Quantity"), sort_key="total_quantity",
               accessor=lambda r: f"{(r.total_quantity or 0).normalize():f}"),
    ]
    filterset_class = ReturnFilterSet
    search_fields = ["store__name", "store__code", "contract__number"]
    export_headings = RETAIL_HEADINGS
    list_export = ["contract", "store", "store.code", "returned_on", "get_reason_display",
                   "line_count", "total_quantity", "note"]
    export_filename = "abad-store-returns"


# --- reconciliation -------------------------------------------------------------------

class ReconciliationView(SpreadsheetExportMixin, AdminPageMixin, TemplateView):
    template_name = "families/admin/reconciliation.html"
    page_title = gettext_lazy("Retail reconciliation")
    header_icon = "table"
    export_filename = "abad-reconciliation"
    list_export = ["chain_name", "store_code", "store_name", "region", "product_code",
                   "product_name", "gtin", "family_name", "delivered", "returned", "sold",
                   "expected", "reported", "reported_on", "difference", "flagged"]
    export_headings = {
        "chain_name": gettext_lazy("Chain"), "store_code": gettext_lazy("Store code"),
        "store_name": gettext_lazy("Store"), "region": gettext_lazy("Region"),
        "product_code": gettext_lazy("Product code"), "product_name": gettext_lazy("Product"),
        "gtin": gettext_lazy("GTIN"), "family_name": gettext_lazy("Family business"),
        "delivered": gettext_lazy("Delivered"), "returned": gettext_lazy("Returned"),
        "sold": gettext_lazy("Sold"), "expected": gettext_lazy("Expected in the store"),
        "reported": gettext_lazy("Stock reported"), "reported_on": gettext_lazy("Reported on"),
        "difference": gettext_lazy("Difference"), "flagged": gettext_lazy("Flagged"),
    }

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.view_delivery")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = ReconciliationFilterForm(request.GET or None)
        filters = self.form.cleaned_data if self.form.is_valid() else {}
        self.rows = list(reconciliation(**{k: v for k, v in filters.items() if v}))
        if self.is_export:
            return self.as_spreadsheet(self.rows, request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def to_row_dict(self, item):
        # the same figures on every database: 10, not 10.000 on one and 10 on another
        return {field: Decimal(format(item[field].normalize(), "f"))
                if isinstance(item[field], Decimal) else item[field]
                for field in self.list_export}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"form": self.form, "rows": self.rows,
                        "summary": reconciliation_summary(self.rows),
                        "csv_url": self.csv_export_url, "xlsx_url": self.xlsx_export_url})
        return context


urlpatterns = [
    path("deliveries/record/", DeliveryCreateView.as_view(), name="delivery_create"),
    path("deliveries/<int:pk>/cancel/", DeliveryCancelView.as_view(), name="delivery_cancel"),
    path("deliveries/<int:pk>/pdf/", DeliveryPdfView.as_view(), name="delivery_pdf"),
    path("returns/record/", ReturnCreateView.as_view(), name="return_create"),
]
