"""Impact charts as plain SVG drawn on the server: revenue (bars, ₼) and users (a line)
by month, for one startup or any set of startups (programmes calls it for a cohort).

Every text goes through format_html, so no label can inject markup; no style
attributes (a strict Content-Security-Policy holds): colours are presentation
attributes. The figures stay exact in the table the pages show beside the chart."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from incubator.models import ImpactReport
from incubator.months import last_month, months_back

WIDTH, PANEL_H = 640, 170
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 28, 30
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = PANEL_H - TOP - BOTTOM
INK, MUTED, GRID, BAR, LINE = "#1d2733", "#5b6770", "#d9dee2", "#0b4f6c", "#e07a1f"


@dataclass(frozen=True)
class MonthFigures:
    month: object  # datetime.date, the first day
    revenue: Decimal
    users: int
    employees: int
    capital_raised: Decimal
    reports: int  # how many startups filed for the month


def impact_series(startups, *, months=12, end=None):
    """Figures summed over `startups` (a queryset, instances or ids) for the `months`
    months up to `end` (default: last month), oldest first; a month nobody filed has
    zeros and reports=0."""
    end = end or last_month()
    span = months_back(months, end=end)
    rows = (ImpactReport.objects
            .filter(enterprise__startup__in=startups, month__gte=span[0], month__lte=end)
            .values("month")
            .annotate(revenue=Sum("revenue"), users=Sum("users"), employees=Sum("employees"),
                      capital=Sum("capital_raised"), reports=Count("pk"))
            .order_by("month"))
    by_month = {row["month"]: row for row in rows}
    series = []
    for month in span:
        row = by_month.get(month)
        series.append(MonthFigures(
            month=month,
            revenue=row["revenue"] if row else Decimal("0"),
            users=row["users"] if row else 0,
            employees=row["employees"] if row else 0,
            capital_raised=row["capital"] if row else Decimal("0"),
            reports=row["reports"] if row else 0,
        ))
    return series


def _nice_max(value):
    """A round upper bound (1, 2, 2.5, 5 × 10ⁿ) at or above `value`."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for nice in (1, 2, 2.5, 5, 10):
        if value <= nice * 10 ** exponent:
            return nice * 10 ** exponent
    return 10 ** (exponent + 1)


def _n(value):
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _amount(value):
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _panel(*, top, title, values, labels, high, kind):
    """One panel: title, gridlines with amounts, bars or a line, month labels."""
    parts = [format_html('<text x="{}" y="{}" fill="{}" font-weight="600">{}</text>',
                         LEFT, top + 16, INK, title)]
    base = top + TOP + PLOT_H
    for step in range(5):
        amount = high * step / 4
        y = base - PLOT_H * step / 4
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
            '<text x="{}" y="{}" fill="{}" text-anchor="end">{}</text>',
            LEFT, _n(y), WIDTH - RIGHT, _n(y), GRID, LEFT - 6, _n(y + 4), MUTED,
            _amount(amount),
        ))
    band = PLOT_W / len(values)
    points = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        centre = LEFT + band * (index + 0.5)
        height = PLOT_H * float(value) / high
        if kind == "bars":
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title>'
                "</rect>",
                _n(centre - band * 0.35), _n(base - height), _n(band * 0.7), _n(height), BAR,
                label, _amount(value),
            ))
        else:
            points.append((centre, base - height, label, value))
        if len(values) <= 12 or index % 2 == 0:
            parts.append(format_html('<text x="{}" y="{}" fill="{}" text-anchor="middle">{}'
                                     "</text>", _n(centre), base + 16, MUTED, label))
    if points:
        parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" '
                                 'stroke-width="2"/>',
                                 " ".join(f"{_n(x)},{_n(y)}" for x, y, _l, _v in points), LINE))
        parts.append(format_html_join("", '<circle cx="{}" cy="{}" r="3" fill="{}">'
                                          "<title>{}: {}</title></circle>",
                                      ((_n(x), _n(y), LINE, label, _amount(value))
                                       for x, y, label, value in points)))
    return mark_safe("".join(parts))  # noqa: S308 - every part built by format_html


def impact_chart_svg(startups, *, months=12, end=None, title=None):
    """Revenue and users by month for `startups` (summed when there are several), as a
    safe <svg> string to put in a page: two panels, revenue in ₼ and users."""
    series = impact_series(startups, months=months, end=end)
    return impact_chart_svg_from_series(series, title=title)


def impact_chart_svg_from_series(series, *, title=None):
    labels = [formats.date_format(figures.month, "M y") for figures in series]
    revenue = [figures.revenue for figures in series]
    users = [figures.users for figures in series]
    title = title or _("Revenue and users by month")
    height = PANEL_H * 2
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        'role="img" aria-label="{t}" font-family="sans-serif" font-size="11">'
        "<title>{t}</title>{revenue}{users}</svg>",
        w=WIDTH, h=height, t=title,
        revenue=_panel(top=0, title=_("Revenue (₼)"), values=revenue, labels=labels,
                       high=_nice_max(float(max(revenue))), kind="bars"),
        users=_panel(top=PANEL_H, title=_("Users"), values=users, labels=labels,
                     high=_nice_max(float(max(users))), kind="line"),
    )
