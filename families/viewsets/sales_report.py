"""The staff sales report: sales by family, product, category, chain, store, region,
month (or family and month) with filters, a chart, the top products and sell-through
per delivery; CSV, XLSX and PDF export (text cells neutralised against CSV injection)."""

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.exports import SafeSpreadsheetExportMixin
from documents.pdf import render_pdf
from families.charts_sales import sales_bars_svg
from families.filters_sales import SalesFilterSet
from families.models import SalesRecord
from families.selectors.sales_report import DIMENSIONS, sales_grouped, sell_through, top_products
from families.viewsets.common import AdminPageMixin, require


class GroupByForm(forms.Form):
    by = forms.ChoiceField(label=gettext_lazy("Group by"), required=False,
                           choices=[(key, label) for key, (label, _f) in DIMENSIONS.items()])


class SalesReportView(SafeSpreadsheetExportMixin, SpreadsheetExportMixin, AdminPageMixin,
                      TemplateView):
    template_name = "families/admin/sales_report.html"
    page_title = gettext_lazy("Sales")
    header_icon = "table"
    export_filename = "abad-sales-report"
    list_export = ["label", "units", "value", "rows"]
    export_headings = {"label": gettext_lazy("Group"), "units": gettext_lazy("Units sold"),
                       "value": gettext_lazy("Sales value (₼)"),
                       "rows": gettext_lazy("Report rows")}

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.see_sales")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.filterset = SalesFilterSet(request.GET or None, queryset=SalesRecord.objects.all(),
                                        request=request)
        self.group_form = GroupByForm(request.GET or None)
        self.by = (self.group_form.cleaned_data.get("by") if self.group_form.is_valid()
                   else "") or "family"
        records = self.filterset.qs if self.filterset.is_bound else SalesRecord.objects.all()
        if self.filterset.is_bound and not self.filterset.is_valid():
            records = SalesRecord.objects.none()
        self.records = records
        self.rows = sales_grouped(records, self.by)
        export = request.GET.get("export")
        if export == "pdf":
            return self.pdf_response()
        if self.is_export:
            return self.as_spreadsheet(self.rows, export)
        return super().get(request, *args, **kwargs)

    def filters(self):
        data = self.filterset.form.cleaned_data if (self.filterset.is_bound and
                                                    self.filterset.is_valid()) else {}
        dates = data.get("sold_on")
        return {"date_from": dates.start if dates else None,
                "date_to": dates.stop if dates else None,
                "chain": data.get("chain"), "store": data.get("store"),
                "product": data.get("product"), "family": data.get("family")}

    def pdf_response(self):
        context = {"rows": self.rows, "by_label": DIMENSIONS[self.by][0],
                   "top": top_products(self.records), "generated_at": timezone.localtime(),
                   "totals": self.totals()}
        language = getattr(self.request, "LANGUAGE_CODE", None) or "az"
        pdf = render_pdf("families/pdf/sales_report.html", context, language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.export_filename}.pdf"'
        return response

    def totals(self):
        return {"units": sum(row["units"] for row in self.rows),
                "value": sum(row["value"] for row in self.rows)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("export", None)
        base = query.urlencode()
        context.update({
            "filter_form": self.filterset.form, "group_form": self.group_form,
            "rows": self.rows, "by_label": DIMENSIONS[self.by][0],
            "chart": sales_bars_svg(self.rows), "top": top_products(self.records),
            "sell_through": sell_through(**self.filters(), limit=50),
            "totals": self.totals(), "media": self.filterset.form.media,
            "csv_url": f"?{base}&export=csv" if base else "?export=csv",
            "xlsx_url": f"?{base}&export=xlsx" if base else "?export=xlsx",
            "pdf_url": f"?{base}&export=pdf" if base else "?export=pdf",
            "title": _("Sales"),
        })
        return context
