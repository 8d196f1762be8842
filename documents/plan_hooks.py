"""Extension points of business plans for the apps above documents (families knows
products, prices, shift output, contracts and sales; documents never imports it).

    from documents.plan_hooks import BUSINESS_PLAN_PREFILL

    @hooks.register(BUSINESS_PLAN_PREFILL)
    def prefill_from_catalogue(enterprise):
        return ({"products": [{"name": "Quince jam", "price": "8.50",
                               "variable_cost": "3.20", "units": ["120", ...]}]},
                [_("ABAD product catalogue")])

- BUSINESS_PLAN_PREFILL: fn(enterprise) → (partial financial inputs, [source labels]) or
  None. The inputs use the shape of `documents.finance.to_data` (any of opening_cash,
  startup_costs, funding, fixed_costs, products); lists from several hooks are joined,
  and the first hook to give opening_cash wins. A contribution the model refuses is
  left out (and logged), so one bad hook cannot stop a plan from being created.
- BUSINESS_PLAN_ACTUALS: fn(enterprise, start_month, months) → {month number (1-based,
  counted from start_month): Decimal revenue}. Several hooks add up.
"""

import logging
from decimal import Decimal

from wagtail import hooks

from documents import finance

logger = logging.getLogger(__name__)

BUSINESS_PLAN_PREFILL = "yuva_business_plan_prefill"
BUSINESS_PLAN_ACTUALS = "yuva_business_plan_actuals"
LIST_KEYS = ("startup_costs", "funding", "fixed_costs", "products")


def collect_prefill(enterprise, *, months):
    """The financial inputs the system already knows for `enterprise`, as stored data
    (finance.to_data) for a forecast of `months`, and the labels of their sources."""
    data = {"months": months, "opening_cash": "0", **{key: [] for key in LIST_KEYS}}
    sources = []
    opening_cash_given = False
    for fn in hooks.get_hooks(BUSINESS_PLAN_PREFILL):
        answer = fn(enterprise)
        if not answer:
            continue
        partial, labels = answer
        contribution = {"months": months, **{key: list(partial.get(key) or [])
                                             for key in LIST_KEYS}}
        # A source may know more months than this forecast covers; the rest is cut off.
        contribution["products"] = [
            {**product, "units": list(product.get("units") or [])[:months]}
            for product in contribution["products"]
        ]
        if "opening_cash" in partial:
            contribution["opening_cash"] = partial["opening_cash"]
        try:
            checked = finance.to_data(finance.parse(contribution))
        except finance.ModelError as exc:
            logger.warning("business plan prefill %s refused: %s", fn.__qualname__, exc)
            continue
        for key in LIST_KEYS:
            data[key].extend(checked[key])
        if "opening_cash" in partial and not opening_cash_given:
            data["opening_cash"] = checked["opening_cash"]
            opening_cash_given = True
        sources.extend(str(label) for label in labels)
    for key in LIST_KEYS:
        data[key] = data[key][:finance.MAX_ROWS]
    return data, sources


def collect_actuals(enterprise, *, start_month, months):
    """{month number: actual revenue} summed over the hooks; empty when none knows."""
    actuals = {}
    for fn in hooks.get_hooks(BUSINESS_PLAN_ACTUALS):
        for month, revenue in (fn(enterprise, start_month, months) or {}).items():
            if 1 <= int(month) <= months:
                actuals[int(month)] = actuals.get(int(month), Decimal(0)) + Decimal(revenue)
    return actuals
