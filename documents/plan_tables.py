"""A business plan's figures arranged for people: month labels, the monthly tables in
chunks of twelve columns (one per year), yearly totals and plan-versus-actual rows.

Shared by the portal page, the adviser's review screen and the PDF, so all three show
the same table. Text comes from gettext: call these in the language of the output.
"""

import datetime
from dataclasses import dataclass

from django.utils import dateformat
from django.utils.translation import gettext as _

from documents import charts, finance

CHUNK = 12


@dataclass
class Row:
    label: str
    values: list
    total: object = None
    css: str = ""


@dataclass
class Chunk:
    title: str
    labels: list
    rows: list


def month_start(start_month, number):
    """The first day of month `number` (1-based) of a forecast starting `start_month`."""
    index = start_month.year * 12 + start_month.month - 1 + number - 1
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_labels(start_month, months):
    return [dateformat.format(month_start(start_month, m), "M Y") for m in range(1, months + 1)]


def _chunks(labels, rows, *, totals=True):
    """Split `rows` ([(label, values, css)]) into tables of CHUNK months, one per year."""
    chunks = []
    for first in range(0, len(labels), CHUNK):
        last = min(first + CHUNK, len(labels))
        chunks.append(Chunk(
            title=_("Year %(number)s") % {"number": first // CHUNK + 1},
            labels=labels[first:last],
            rows=[Row(label=label, values=values[first:last],
                      total=sum(values[first:last]) if totals and css != "balance" else None,
                      css=css)
                  for label, values, css in rows],
        ))
    return chunks


@dataclass
class Figures:
    """Everything a template needs about the financial model of one plan."""

    model: finance.ModelInput
    result: finance.ModelResult
    labels: list
    sales_chunks: list
    pnl_chunks: list
    years: list
    break_even_label: str
    lowest_cash_label: str
    revenue_chart: str
    cash_chart: str


def figures(model, *, start_month, with_charts=True):
    """Compute `model` (a valid finance.ModelInput) and arrange its figures."""
    result = finance.calculate(model)
    labels = month_labels(start_month, model.months)
    months = result.months
    sales_rows = [(p.name, p.units[:model.months], "") for p in model.products]
    sales_rows.append((_("Units, all products"), [m.units for m in months], "total"))
    revenue_rows = [(_("Revenue: %(product)s") % {"product": p.name},
                     [m.revenue_by_product[i] for m in months], "detail")
                    for i, p in enumerate(model.products)]
    pnl_rows = [
        *revenue_rows,
        (_("Revenue"), [m.revenue for m in months], "total"),
        (_("Variable costs"), [m.variable_costs for m in months], ""),
        (_("Gross margin"), [m.gross_margin for m in months], "total"),
        (_("Fixed costs"), [m.fixed_costs for m in months], ""),
        (_("Profit"), [m.profit for m in months], "total"),
        (_("Funding received"), [m.funding for m in months], ""),
        (_("Start-up costs"), [m.startup_costs for m in months], ""),
        (_("Cash flow"), [m.cash_flow for m in months], "total"),
        (_("Cash at the end of the month"), [m.closing_cash for m in months], "balance"),
    ]
    years = []
    for first in range(0, len(months), CHUNK):
        part = months[first:first + CHUNK]
        years.append({
            "title": _("Year %(number)s") % {"number": first // CHUNK + 1},
            "months": len(part),
            "revenue": sum((m.revenue for m in part), finance.ZERO),
            "costs": sum((m.total_costs for m in part), finance.ZERO),
            "profit": sum((m.profit for m in part), finance.ZERO),
            "closing_cash": part[-1].closing_cash,
        })
    if result.break_even_month:
        break_even = _("Month %(number)s (%(month)s)") % {
            "number": result.break_even_month, "month": labels[result.break_even_month - 1],
        }
    else:
        break_even = _("Not within the forecast")
    return Figures(
        model=model, result=result, labels=labels,
        sales_chunks=_chunks(labels, sales_rows),
        pnl_chunks=_chunks(labels, pnl_rows),
        years=years,
        break_even_label=break_even,
        lowest_cash_label=labels[result.lowest_cash_month - 1],
        revenue_chart=charts.revenue_costs_chart(result, labels) if with_charts else "",
        cash_chart=charts.cumulative_cash_chart(result, labels) if with_charts else "",
    )


def plan_versus_actual(result, actuals, labels):
    """Rows (label, planned, actual, difference) for the months with actual figures,
    and the totals over those months; ([], None) without any."""
    rows = []
    for month in result.months:
        if month.number in actuals:
            actual = actuals[month.number]
            rows.append({"label": labels[month.number - 1], "planned": month.revenue,
                         "actual": actual, "difference": actual - month.revenue})
    if not rows:
        return [], None
    planned = sum((row["planned"] for row in rows), finance.ZERO)
    actual = sum((row["actual"] for row in rows), finance.ZERO)
    return rows, {"planned": planned, "actual": actual, "difference": actual - planned}
