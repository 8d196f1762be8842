"""The family's sales in the portal: by month, product and chain, and its monthly
statements with their PDFs. Only the person's own family (another's answers 404)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from families.selectors.sales import (
    month_bounds,
    sales_by_chain,
    sales_by_month,
    sales_by_product,
    statement_for_family,
    statement_lines,
    statements_of,
)
from families.views.common import family_or_404, get_or_404


def _month(value, months):
    try:
        return datetime.date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError):
        return months[0]["month"] if months else None


@login_required
def sales(request, family):
    family = family_or_404(request, family)
    months = list(sales_by_month(family))
    for row in months:  # TruncMonth gives a date on SQLite and PostgreSQL alike
        if isinstance(row["month"], datetime.datetime):
            row["month"] = row["month"].date()
    month = _month(request.GET.get("month"), months)
    products = chains = []
    if month is not None:
        first, last = month_bounds(month)
        products = list(sales_by_product(family, first, last))
        chains = list(sales_by_chain(family, first, last))
    return render(request, "families/portal/sales.html", {
        "family": family, "months": months, "month": month, "products": products,
        "chains": chains, "statements": list(statements_of(family)[:36]),
    })


@login_required
def statement_detail(request, family, pk):
    family = family_or_404(request, family)
    statement = get_or_404(statement_for_family, family=family, pk=pk)
    return render(request, "families/portal/statement.html", {
        "family": family, "statement": statement, "lines": list(statement_lines(statement)),
    })


@login_required
def statement_pdf(request, family, pk):
    family = family_or_404(request, family)
    statement = get_or_404(statement_for_family, family=family, pk=pk)
    document = statement.document
    if document is None or not document.is_ready or not document.file:
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=document.filename, content_type="application/pdf")
