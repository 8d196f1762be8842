"""Staff screens of sales: the imports (upload a report, its progress and preview of
problems, import / discard / retry), the imported records (filters, export) and the
sales report (families/viewsets/sales_report.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import HttpResponseClientRefresh
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from core.admin_views import add_service_error
from core.errors import DomainError
from core.exports import SafeSpreadsheetExportMixin
from families.filters_sales import SalesFilterSet, SalesImportFilterSet
from families.forms.sales import SalesUploadForm
from families.models import SalesImport, SalesRecord
from families.selectors.sales import imports_for_staff, records_for_staff
from families.services.sales import (
    sales_import_commit_request,
    sales_import_discard,
    sales_import_retry,
    sales_import_upload,
)
from families.viewsets.common import AdminPageMixin, require

PROBLEMS_PAGE_SIZE = 100
WORKING = (SalesImport.Status.UPLOADED, SalesImport.Status.CHECKING,
           SalesImport.Status.IMPORTING)


def progress_percent(sales_import):
    if not sales_import.progress_total:
        return 0 if sales_import.status in WORKING else 100
    return min(100, round(100 * sales_import.progress_done / sales_import.progress_total))


class ImportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return imports_for_staff()

    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if self.request.user.has_perm("families.import_sales"):
            buttons.append(HeaderButton(_("Upload a sales report"),
                                        url=reverse("families_admin:sales_upload"),
                                        icon_name="upload"))
        return buttons


class SalesImportViewSet(ModelViewSet):
    model = SalesImport
    icon = "upload"
    menu_label = gettext_lazy("Sales imports")
    index_view_class = ImportIndexView
    copy_view_enabled = False
    form_fields = ["status"]  # required by ModelViewSet; written only by the services
    list_display = [
        TitleColumn("pk", label="#", accessor="pk",
               url_name="families_admin:sales_import"),
        "chain",
        Column("period", label=gettext_lazy("Period"),
               accessor=lambda i: f"{i.period_start:%d.%m.%Y} – {i.period_end:%d.%m.%Y}"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor="get_status_display",
                        sort_key="status", primary=lambda i: i.status == "imported"),
        Column("progress", label=gettext_lazy("Progress"),
               accessor=lambda i: f"{progress_percent(i)} %"),
        "row_count", "error_count", "original_name",
        Column("created_at", label=gettext_lazy("Uploaded"),
               accessor=lambda i: timezone.localtime(i.created_at).strftime("%d.%m.%Y %H:%M"),
               sort_key="created_at"),
    ]
    filterset_class = SalesImportFilterSet
    search_fields = ["original_name", "chain__name"]
    list_export = ["pk", "chain", "period_start", "period_end", "get_status_display",
                   "row_count", "error_count", "original_name", "sha256", "created_by",
                   "created_at", "imported_at", "replaces"]
    export_filename = "abad-sales-imports"


class SafeIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return records_for_staff()


class SalesRecordViewSet(ModelViewSet):
    model = SalesRecord
    icon = "list-ul"
    menu_label = gettext_lazy("Sales records")
    index_view_class = SafeIndexView
    copy_view_enabled = False
    form_fields = ["units"]  # required by ModelViewSet; records are written by imports
    list_display = ["sold_on", "chain", "store", "product", "family", "units", "value",
                    "stock_on_hand", "sales_import"]
    filterset_class = SalesFilterSet
    search_fields = ["product__code", "product__name_az", "store__code"]
    list_export = ["sold_on", "chain", "store.code", "store", "product.code", "product.gtin",
                   "product", "family", "units", "value", "stock_on_hand",
                   "sales_import.pk", "row_number"]
    export_headings = {"store.code": gettext_lazy("Store code"),
                       "product.code": gettext_lazy("Product code"),
                       "product.gtin": gettext_lazy("GTIN"),
                       "sales_import.pk": gettext_lazy("Import")}
    export_filename = "abad-sales"


class SalesUploadView(AdminPageMixin, FormView):
    template_name = "families/admin/sales_upload.html"
    form_class = SalesUploadForm
    page_title = gettext_lazy("Upload a sales report")
    header_icon = "upload"
    index_url_name = "abad_sales_imports:index"
    index_label = gettext_lazy("Sales imports")

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.import_sales")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context["form"].media
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            sales_import = sales_import_upload(
                chain=data["chain"], period_start=data["period_start"],
                period_end=data["period_end"], file=data["file"], user=self.request.user)
        except DomainError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The report was uploaded and is being checked."))
        return redirect("families_admin:sales_import", sales_import.pk)


class SalesImportView(AdminPageMixin, TemplateView):
    """An import's progress and its problems. An htmx request gets only the progress
    part, which asks for itself every second while a job works on the import."""

    template_name = "families/admin/sales_import.html"
    partial_template_name = "families/admin/_sales_progress.html"
    header_icon = "upload"
    index_url_name = "abad_sales_imports:index"
    index_label = gettext_lazy("Sales imports")

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.view_salesimport")
        self.sales_import = get_object_or_404(imports_for_staff(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.htmx and self.sales_import.status not in WORKING:
            return HttpResponseClientRefresh()  # the whole page, with the problems
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        return [self.partial_template_name if self.request.htmx else self.template_name]

    def get_page_title(self):
        i = self.sales_import
        return _("Sales report of %(chain)s, %(start)s – %(end)s") % {
            "chain": i.chain.name, "start": f"{i.period_start:%d.%m.%Y}",
            "end": f"{i.period_end:%d.%m.%Y}"}

    def get_context_data(self, **kwargs):
        i = self.sales_import
        may_import = self.request.user.has_perm("families.import_sales")
        context = {"sales_import": i, "polling": i.status in WORKING,
                   "percent": progress_percent(i), "may_import": may_import}
        if self.request.htmx:
            return context
        context = super().get_context_data(**kwargs) | context
        page = Paginator(i.problems, PROBLEMS_PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update({"problems": page, "problem_count": len(i.problems),
                        "problems_cut": i.error_count and len(i.problems) >= 5000})
        return context


class SalesImportActionView(View):
    action = None

    def post(self, request, pk):
        require(request.user, "families.import_sales")
        sales_import = get_object_or_404(SalesImport, pk=pk)
        service = {"commit": sales_import_commit_request, "discard": sales_import_discard,
                   "retry": sales_import_retry}[self.action]
        try:
            service(sales_import=sales_import, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, {
                "commit": _("The report is being imported."),
                "discard": _("The report was discarded."),
                "retry": _("The report is being checked again."),
            }[self.action])
        return redirect("families_admin:sales_import", pk)


urlpatterns = [
    path("sales/upload/", SalesUploadView.as_view(), name="sales_upload"),
    path("sales/imports/<int:pk>/", SalesImportView.as_view(), name="sales_import"),
    path("sales/imports/<int:pk>/import/", SalesImportActionView.as_view(action="commit"),
         name="sales_commit"),
    path("sales/imports/<int:pk>/discard/", SalesImportActionView.as_view(action="discard"),
         name="sales_discard"),
    path("sales/imports/<int:pk>/retry/", SalesImportActionView.as_view(action="retry"),
         name="sales_retry"),
]
