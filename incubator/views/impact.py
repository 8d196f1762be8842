"""A startup's impact reports: the figures by month with the chart, and the form to
file (or correct) a month's report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import DomainError
from incubator.charts import impact_chart_svg_from_series, impact_series
from incubator.forms import ImpactReportForm, parse_month
from incubator.months import last_month
from incubator.selectors import impact_reports_of
from incubator.services import impact_report_file
from incubator.views.startups import startup_or_404

MONTHS_SHOWN = 12


@login_required
def impact_list(request, pk):
    startup = startup_or_404(request, pk)
    series = impact_series([startup.pk], months=MONTHS_SHOWN)
    filed = {report.month: report for report in
             impact_reports_of(startup).filter(month__gte=series[0].month)}
    rows = [{"month": figures.month, "report": filed.get(figures.month)}
            for figures in reversed(series)]
    return render(request, "incubator/impact/list.html", {
        "startup": startup, "rows": rows,
        "chart": impact_chart_svg_from_series(series),
    })


@login_required
def impact_file(request, pk):
    startup = startup_or_404(request, pk)
    month = parse_month(request.GET.get("month")) or last_month()
    report = impact_reports_of(startup).filter(month=month).first()
    form = ImpactReportForm(request.POST or None,
                            initial=ImpactReportForm.initial_for(report, month))
    if request.method == "POST" and form.is_valid():
        try:
            impact_report_file(startup=startup, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The impact report for %(month)s was saved.") % {
                "month": form.cleaned_data["month"].strftime("%Y-%m")})
            return redirect("incubator:impact_list", pk=startup.pk)
    return render(request, "incubator/impact/form.html", {
        "startup": startup, "form": form, "report": report,
    }, status=400 if form.is_bound else 200)
