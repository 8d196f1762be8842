"""Staff screen for startups' impact reports: listing, filters, export."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.models import Centre, Enterprise
from incubator.models import ImpactReport, Startup
from incubator.selectors import impact_reports_for_staff
from incubator.viewsets.common import IndexView


class ImpactReportFilterSet(WagtailFilterSet):
    month = django_filters.DateFromToRangeFilter(label=_("Month"), widget=DateRangePickerWidget)
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"), field_name="enterprise__centre",
        queryset=Centre.objects.filter(programme=Centre.Programme.INNOLAND).order_by("name"))
    sector = django_filters.ChoiceFilter(label=_("Sector"), field_name="enterprise__sector",
                                         choices=Enterprise.Sector.choices)
    stage = django_filters.ChoiceFilter(label=_("Stage"), field_name="enterprise__startup__stage",
                                        choices=Startup.Stage.choices)

    class Meta:
        model = ImpactReport
        fields = ["month", "centre", "sector", "stage"]


class ImpactReportIndexView(IndexView):
    def get_base_queryset(self):
        return impact_reports_for_staff()


class ImpactReportViewSet(ModelViewSet):
    model = ImpactReport
    icon = "table"
    menu_label = _("Impact reports")
    index_view_class = ImpactReportIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["comment"]  # the generic add/edit screens are closed (ClosedActionsPolicy)
    list_display = [
        Column("month", label=_("Month"), accessor=lambda r: r.month.strftime("%Y-%m"),
               sort_key="month"),
        Column("enterprise", label=_("Startup"), accessor="enterprise.name",
               sort_key="enterprise__name"),
        Column("revenue", label=_("Revenue (₼)"), sort_key="revenue"),
        Column("users", label=_("Users"), sort_key="users"),
        Column("employees", label=_("Employees"), sort_key="employees"),
        Column("capital_raised", label=_("Capital raised (₼)"), sort_key="capital_raised"),
        Column("submitted_by", label=_("Filed by")),
    ]
    filterset_class = ImpactReportFilterSet
    search_fields = ["enterprise__name"]
    list_export = ["month", "enterprise.name", "enterprise.centre", "enterprise.get_sector_display",
                   "revenue", "users", "employees", "capital_raised", "comment", "submitted_by",
                   "submitted_at", "updated_at"]
    export_headings = {"month": _("Month"), "enterprise.name": _("Startup"),
                       "enterprise.centre": _("Centre"),
                       "enterprise.get_sector_display": _("Sector"),
                       "revenue": _("Revenue (₼)"), "users": _("Users"),
                       "employees": _("Employees"), "capital_raised": _("Capital raised (₼)"),
                       "comment": _("Comment"), "submitted_by": _("Filed by"),
                       "submitted_at": _("Filed"), "updated_at": _("Updated")}
    export_filename = "impact-reports"
