"""The utilisation report: per line and week, places booked against places offered,
no-show rate and output per shift, with a chart and CSV/XLSX export."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from families.charts import utilisation_svg
from families.forms.staff import ReportFilterForm
from families.selectors.reports import utilisation, weekly_totals
from families.timeutil import week_start
from families.viewsets.common import AdminPageMixin, require


class UtilisationReportView(SpreadsheetExportMixin, AdminPageMixin, TemplateView):
    template_name = "families/admin/utilisation.html"
    page_title = gettext_lazy("Shift utilisation")
    header_icon = "table"
    export_filename = "abad-utilisation"
    list_export = ["factory", "line", "week", "week_label", "shifts", "capacity", "booked",
                   "utilisation", "checked_in", "no_shows", "no_show_rate", "lots", "output",
                   "unit", "output_per_shift"]
    export_headings = {
        "factory": gettext_lazy("Factory"), "line": gettext_lazy("Production line"),
        "week": gettext_lazy("Week starting"), "week_label": gettext_lazy("Week"),
        "shifts": gettext_lazy("Shifts"), "capacity": gettext_lazy("Workstations offered"),
        "booked": gettext_lazy("Booked"), "utilisation": gettext_lazy("Utilisation (%)"),
        "checked_in": gettext_lazy("Checked in"), "no_shows": gettext_lazy("No-shows"),
        "no_show_rate": gettext_lazy("No-show rate (%)"), "lots": gettext_lazy("Lots"),
        "output": gettext_lazy("Output"), "unit": gettext_lazy("Unit"),
        "output_per_shift": gettext_lazy("Output per shift"),
    }

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "families.see_reports")
        return super().dispatch(request, *args, **kwargs)

    def get_filters(self):
        today = timezone.localdate()
        form = ReportFilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        date_to = data.get("date_to") or week_start(today)
        date_from = data.get("date_from") or date_to - datetime.timedelta(weeks=11)
        return form, {"date_from": week_start(date_from), "date_to": date_to,
                      "factory": data.get("factory"), "line": data.get("line")}

    def get(self, request, *args, **kwargs):
        self.form, self.filters = self.get_filters()
        self.rows = utilisation(**self.filters)
        if self.is_export:
            return self.as_spreadsheet(self.rows, request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = weekly_totals(self.rows)
        context.update({"form": self.form, "rows": self.rows, "filters": self.filters,
                        "chart": utilisation_svg(weeks), "weeks": weeks,
                        "csv_url": self.csv_export_url, "xlsx_url": self.xlsx_export_url})
        return context
