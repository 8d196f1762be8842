"""The business plan's two charts as plain SVG, drawn in Python for the portal page and
the PDF alike (WeasyPrint renders inline <svg>): revenue against costs by month, and
the cash at the end of each month with the break-even month marked.

Every text node and attribute goes through format_html, so a label can never inject
markup; the result is a SafeString of our own drawing. No style attributes (a strict
Content-Security-Policy holds on the portal page): colours are presentation attributes.
Coordinates are floats: a chart is a picture, its figures stay exact in the tables.
"""

import math
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from documents.templatetags.money import format_number

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 16, 40, 42
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
MIN_SPAN = 100
FONT = "Yuva Sans, Noto Sans, sans-serif"
INK, MUTED, GRID = "#1d2733", "#5b6770", "#d9dee2"
REVENUE, COSTS, CASH, ALERT = "#0b4f6c", "#e07a1f", "#1f7a3d", "#b3261e"


def _n(value):
    """A coordinate as SVG text: one decimal, no trailing ".0"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _nice_step(span):
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about four intervals over `span`."""
    raw = span / 4
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10 ** exponent
    for nice in (1, 2, 2.5, 5, 10):
        if fraction <= nice:
            return nice * 10 ** exponent
    return 10 * 10 ** exponent


class _Scale:
    def __init__(self, values):
        low = min([0.0, *values])
        high = max([0.0, *values])
        if high - low < MIN_SPAN:  # an empty forecast still gets a readable axis
            high = low + MIN_SPAN
        self.step = _nice_step(high - low)
        self.low = math.floor(low / self.step) * self.step
        self.high = math.ceil(high / self.step) * self.step

    def y(self, value):
        return TOP + PLOT_H - (float(value) - self.low) / (self.high - self.low) * PLOT_H

    def ticks(self):
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]


def _x(index, count):
    """Centre of the band of month `index` (0-based)."""
    return LEFT + (index + 0.5) * PLOT_W / count


def _label_every(count):
    return 1 if count <= 12 else 2 if count <= 24 else 3


def _frame(scale, labels, title):
    """The axes, grid lines with amounts, and month labels."""
    parts = [format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-label="{}" font-family="{}" font-size="11">'
        "<title>{}</title>",
        WIDTH, HEIGHT, WIDTH, HEIGHT, title, FONT, title,
    )]
    for tick in scale.ticks():
        y = scale.y(tick)
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>'
            '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
            LEFT, _n(y), WIDTH - RIGHT, _n(y), INK if tick == 0 else GRID,
            1 if tick == 0 else 0.6, LEFT - 6, _n(y + 4), MUTED,
            format_number(Decimal(repr(tick)), 0),
        ))
    every = _label_every(len(labels))
    parts.append(format_html_join(
        "", '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="10">{}</text>',
        ((_n(_x(i, len(labels))), HEIGHT - BOTTOM + 16, MUTED, label)
         for i, label in enumerate(labels) if i % every == 0),
    ))
    parts.append(format_html(
        '<text x="{}" y="{}" fill="{}" font-size="10">{}</text>',
        4, TOP - 26, MUTED, _("AZN (₼)"),
    ))
    return parts


def _legend(entries):
    """[(colour, kind, label)] in a row above the plot; kind is "bar" or "line"."""
    parts = []
    x = LEFT
    for colour, kind, label in entries:
        if kind == "bar":
            parts.append(format_html('<rect x="{}" y="{}" width="12" height="10" fill="{}"/>',
                                     x, TOP - 26, colour))
        else:
            parts.append(format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5"/>',
                x, TOP - 21, x + 12, TOP - 21, colour,
            ))
        parts.append(format_html('<text x="{}" y="{}" fill="{}">{}</text>',
                                 x + 17, TOP - 17, INK, label))
        x += 30 + 7 * len(label)
    return parts


def _polyline(points, colour, *, width=2.0):
    return format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="{}" '
        'stroke-linejoin="round"/>',
        " ".join(f"{_n(x)},{_n(y)}" for x, y in points), colour, width,
    )


def revenue_costs_chart(result, labels):
    """Bars of revenue and a line of total costs (variable and fixed) for each month."""
    months = result.months
    count = len(months)
    scale = _Scale([float(m.revenue) for m in months] + [float(m.total_costs) for m in months])
    parts = _frame(scale, labels, _("Revenue and costs by month"))
    band = PLOT_W / count
    zero = scale.y(0)
    for i, month in enumerate(months):
        top = scale.y(month.revenue)
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            _n(LEFT + i * band + band * 0.2), _n(min(top, zero)), _n(band * 0.6),
            _n(abs(zero - top)), REVENUE,
        ))
    points = [(_x(i, count), scale.y(m.total_costs)) for i, m in enumerate(months)]
    parts.append(_polyline(points, COSTS, width=2.5))
    parts.append(format_html_join(
        "", '<circle cx="{}" cy="{}" r="2.5" fill="{}"/>',
        ((_n(x), _n(y), COSTS) for x, y in points),
    ))
    parts += _legend([(REVENUE, "bar", _("Revenue")),
                      (COSTS, "line", _("Costs (variable and fixed)"))])
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every part is built by format_html


def cumulative_cash_chart(result, labels):
    """The cash at the end of each month, with the break-even month marked."""
    months = result.months
    count = len(months)
    scale = _Scale([float(m.closing_cash) for m in months])
    parts = _frame(scale, labels, _("Cash at the end of each month"))
    points = [(_x(i, count), scale.y(m.closing_cash)) for i, m in enumerate(months)]
    parts.append(_polyline(points, CASH, width=2.5))
    parts.append(format_html_join(
        "", '<circle cx="{}" cy="{}" r="2.5" fill="{}"/>',
        ((_n(x), _n(y), CASH if m.closing_cash >= 0 else ALERT)
         for (x, y), m in zip(points, months, strict=True)),
    ))
    legend = [(CASH, "line", _("Cash at the end of the month"))]
    if result.break_even_month:
        index = result.break_even_month - 1
        x, y = points[index]
        text = _("Break-even: %(month)s") % {"month": labels[index]}
        anchor = "end" if index > count * 0.6 else "start"
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.2" '
            'stroke-dasharray="4 3"/>'
            '<circle cx="{}" cy="{}" r="5" fill="none" stroke="{}" stroke-width="2"/>'
            '<text x="{}" y="{}" text-anchor="{}" fill="{}" font-weight="bold">{}</text>',
            _n(x), TOP, _n(x), TOP + PLOT_H, ALERT, _n(x), _n(y), ALERT,
            _n(x + (-6 if anchor == "end" else 6)), TOP + 12, anchor, ALERT, text,
        ))
        legend.append((ALERT, "line", _("Break-even month")))
    parts += _legend(legend)
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every part is built by format_html
