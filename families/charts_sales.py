"""The sales report's chart as plain SVG: one horizontal bar per group (its sales
value). Texts go through format_html; colours are presentation attributes (no style),
so a strict Content-Security-Policy holds."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, BAR_H, GAP, LABEL_W, RIGHT = 760, 16, 6, 230, 90
BAR, INK = "#0b4f6c", "#5b6770"


def sales_bars_svg(rows, limit=20):
    rows = rows[:limit]
    if not rows:
        return ""
    top = max((row["value"] for row in rows), default=0) or 1
    height = 24 + len(rows) * (BAR_H + GAP)
    title = _("Sales value by group")
    parts = [format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="fam-chart" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-label="{}" font-family="sans-serif" '
        'font-size="11"><title>{}</title>', WIDTH, height, WIDTH, height, title, title)]
    plot = WIDTH - LABEL_W - RIGHT
    for i, row in enumerate(rows):
        y = 12 + i * (BAR_H + GAP)
        width = float(row["value"]) / float(top) * plot
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" fill="{}">{}</text>',
            LABEL_W - 6, f"{y + BAR_H - 4:.1f}", INK, str(row["label"])[:40],
            LABEL_W, y, f"{width:.1f}", BAR_H, BAR, row["label"], row["value"],
            f"{LABEL_W + width + 4:.1f}", f"{y + BAR_H - 4:.1f}", INK, row["value"]))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(parts))  # noqa: S308 - every part above is format_html output
