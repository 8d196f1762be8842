"""The utilisation chart as plain SVG drawn on the server: per week, a bar of booked
places against capacity (utilisation %) and a line of the no-show rate. Every text and
attribute goes through format_html; colours are presentation attributes (no style), so
a strict Content-Security-Policy holds."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 40
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
BAR, LINE, GRID, INK = "#0b4f6c", "#b3261e", "#d9dee2", "#5b6770"


def _y(percent):
    return TOP + PLOT_H - min(float(percent), 100.0) / 100 * PLOT_H


def _n(value):
    """A coordinate as text (format_html formats its arguments as strings)."""
    return f"{value:.1f}"


def utilisation_svg(weeks):
    """`weeks`: rows with week_label, utilisation and no_show_rate (per cent)."""
    title = _("Utilisation and no-show rate per week")
    parts = [format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="fam-chart" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-label="{}" font-family="sans-serif" '
        'font-size="11"><title>{}</title>', WIDTH, HEIGHT, WIDTH, HEIGHT, title, title)]
    for tick in (0, 25, 50, 75, 100):
        y = _y(tick)
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
            '<text x="{}" y="{}" text-anchor="end" fill="{}">{}%</text>',
            LEFT, _n(y), WIDTH - RIGHT, _n(y), GRID, LEFT - 4, _n(y + 4), INK, tick))
    count = max(len(weeks), 1)
    band = PLOT_W / count
    every = max(1, count // 12)
    points = []
    for i, week in enumerate(weeks):
        x = LEFT + i * band
        top = _y(week.utilisation)
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
            "<title>{}: {}%</title></rect>",
            _n(x + band * 0.15), _n(top), _n(band * 0.7), _n(TOP + PLOT_H - top), BAR,
            week.week_label, week.utilisation))
        points.append(f"{_n(x + band / 2)},{_n(_y(week.no_show_rate))}")
        if i % every == 0:
            parts.append(format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="9">{}</text>',
                _n(x + band / 2), HEIGHT - BOTTOM + 14, INK, week.week_label))
    if points:
        parts.append(format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
            " ".join(points), LINE))
    parts.append(format_html_join("", '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
                                      '<text x="{}" y="{}" fill="{}">{}</text>', [
        (LEFT, 8, BAR, LEFT + 14, 17, INK, _("booked / capacity")),
        (LEFT + 160, 8, LINE, LEFT + 174, 17, INK, _("no-show rate")),
    ]))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every part above is format_html output
