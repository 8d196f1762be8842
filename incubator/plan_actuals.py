"""Business plans (documents) compare their forecast with actual revenue; for a startup
the actual revenue is what its monthly impact reports say."""

from incubator.models import ImpactReport
from incubator.months import add_months, month_start


def impact_revenue_actuals(enterprise, start_month, months):
    """{month number (1 = start_month): revenue} from the enterprise's impact reports."""
    first = month_start(start_month)
    reports = ImpactReport.objects.filter(
        enterprise=enterprise, month__gte=first, month__lt=add_months(first, months),
    ).values_list("month", "revenue")
    return {(month.year - first.year) * 12 + month.month - first.month + 1: revenue
            for month, revenue in reports}
