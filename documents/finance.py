"""The business plan's financial model: pure, exact Decimal arithmetic in AZN.

Inputs are plain values (no models), so the same code recalculates the portal's
forecast table on every keystroke, fills the PDF, and is tested against hand-computed
figures. Definitions:

- revenue(m)        = Σ units(p, m) × price(p)
- variable(m)       = Σ units(p, m) × variable cost per unit(p)
- gross margin(m)   = revenue(m) − variable(m)
- fixed(m)          = Σ monthly fixed costs
- profit(m)         = gross margin(m) − fixed(m)
- cash flow(m)      = profit(m) + funding received in m − start-up costs (all in month 1)
- closing cash(m)   = opening cash + Σ cash flow(1..m)
- break-even month  = first month with sales whose cumulative profit covers the
                      start-up costs (Σ profit(1..m) ≥ start-up costs); None if that
                      does not happen within the horizon
- break-even units  = monthly units needed for the average contribution margin (weighted
                      by the forecast mix) to cover the monthly fixed costs, rounded up
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django.utils.translation import gettext as _

MIN_MONTHS = 1
MAX_MONTHS = 36
ZERO = Decimal("0")


class ModelError(ValueError):
    """Bad input to the model; `errors` maps a field path to a readable message."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class Item:
    name: str
    amount: Decimal
    month: int = 1  # funding sources: the month the money arrives


@dataclass
class ProductLine:
    name: str
    price: Decimal
    variable_cost: Decimal
    units: list[Decimal]


@dataclass
class ModelInput:
    months: int
    opening_cash: Decimal = ZERO
    startup_costs: list[Item] = field(default_factory=list)
    funding: list[Item] = field(default_factory=list)
    products: list[ProductLine] = field(default_factory=list)
    fixed_costs: list[Item] = field(default_factory=list)


@dataclass
class Month:
    number: int
    revenue: Decimal
    variable_costs: Decimal
    gross_margin: Decimal
    fixed_costs: Decimal
    profit: Decimal
    funding: Decimal
    startup_costs: Decimal
    cash_flow: Decimal
    closing_cash: Decimal
    cumulative_profit: Decimal


@dataclass
class ModelResult:
    months: list[Month]
    total_startup_costs: Decimal
    total_funding: Decimal
    monthly_fixed_costs: Decimal
    total_revenue: Decimal
    total_profit: Decimal
    break_even_month: int | None
    break_even_units: Decimal | None
    lowest_cash: Decimal
    lowest_cash_month: int


def to_decimal(value, *, path, errors, allow_negative=False):
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip() or "0")
    except (InvalidOperation, ValueError):
        errors[path] = _("Enter a number.")
        return ZERO
    if not number.is_finite():
        errors[path] = _("Enter a number.")
        return ZERO
    if number < 0 and not allow_negative:
        errors[path] = _("Enter zero or a positive amount.")
        return ZERO
    if number > Decimal("1e12"):
        errors[path] = _("This amount is too large.")
        return ZERO
    return number


def validate(model: ModelInput):
    """Raise ModelError listing every problem at once."""
    errors = {}
    if not MIN_MONTHS <= model.months <= MAX_MONTHS:
        errors["months"] = _("A forecast covers 1 to %(max)s months.") % {"max": MAX_MONTHS}
    to_decimal(model.opening_cash, path="opening_cash", errors=errors)
    for group in ("startup_costs", "funding", "fixed_costs"):
        for i, item in enumerate(getattr(model, group)):
            to_decimal(item.amount, path=f"{group}.{i}.amount", errors=errors)
            if group == "funding" and not 1 <= item.month <= max(model.months, 1):
                errors[f"{group}.{i}.month"] = _("Choose a month within the forecast.")
    for i, product in enumerate(model.products):
        to_decimal(product.price, path=f"products.{i}.price", errors=errors)
        to_decimal(product.variable_cost, path=f"products.{i}.variable_cost", errors=errors)
        if len(product.units) > MAX_MONTHS:
            errors[f"products.{i}.units"] = _(
                "A forecast covers 1 to %(max)s months."
            ) % {"max": MAX_MONTHS}
        for m, units in enumerate(product.units):
            to_decimal(units, path=f"products.{i}.units.{m}", errors=errors)
    if errors:
        raise ModelError(errors)


def calculate(model: ModelInput) -> ModelResult:
    validate(model)
    n = model.months
    startup_total = sum((item.amount for item in model.startup_costs), ZERO)
    fixed_monthly = sum((item.amount for item in model.fixed_costs), ZERO)
    funding_by_month = [ZERO] * (n + 1)
    for item in model.funding:
        funding_by_month[item.month] += item.amount

    months = []
    cash = model.opening_cash
    cumulative_profit = ZERO
    cumulative_revenue = ZERO
    break_even_month = None
    total_units = ZERO
    total_contribution = ZERO
    for m in range(1, n + 1):
        revenue = ZERO
        variable = ZERO
        for product in model.products:
            units = product.units[m - 1] if m - 1 < len(product.units) else ZERO
            revenue += units * product.price
            variable += units * product.variable_cost
            total_units += units
            total_contribution += units * (product.price - product.variable_cost)
        gross = revenue - variable
        profit = gross - fixed_monthly
        startup = startup_total if m == 1 else ZERO
        cash_flow = profit + funding_by_month[m] - startup
        cash += cash_flow
        cumulative_profit += profit
        cumulative_revenue += revenue
        if (break_even_month is None and cumulative_revenue > 0
                and cumulative_profit >= startup_total):
            break_even_month = m
        months.append(Month(
            number=m, revenue=revenue, variable_costs=variable, gross_margin=gross,
            fixed_costs=fixed_monthly, profit=profit, funding=funding_by_month[m],
            startup_costs=startup, cash_flow=cash_flow, closing_cash=cash,
            cumulative_profit=cumulative_profit,
        ))

    break_even_units = None
    if total_units > 0 and total_contribution > 0:
        average_margin = total_contribution / total_units
        break_even_units = (fixed_monthly / average_margin).to_integral_value(ROUND_CEILING)
    lowest = min(months, key=lambda month: month.closing_cash) if months else None
    return ModelResult(
        months=months,
        total_startup_costs=startup_total,
        total_funding=sum((item.amount for item in model.funding), ZERO),
        monthly_fixed_costs=fixed_monthly,
        total_revenue=sum((month.revenue for month in months), ZERO),
        total_profit=cumulative_profit,
        break_even_month=break_even_month,
        break_even_units=break_even_units,
        lowest_cash=lowest.closing_cash if lowest else model.opening_cash,
        lowest_cash_month=lowest.number if lowest else 0,
    )
