"""The business plan's financial model: pure, exact Decimal arithmetic in AZN.

Inputs are plain values (no models), so the same code recalculates the portal's
forecast table on every change, fills the PDF, and is tested against hand-computed
figures. Nothing is rounded here: amounts have at most 2 decimal places and units at
most 3, so every sum and product is exact; only the display rounds.

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
                      by the forecast mix) to cover the monthly fixed costs, rounded up:
                      ⌈fixed × Σ units ÷ Σ contribution⌉; None without a positive margin

`parse(data)` turns stored or posted data (strings, numbers) into a ModelInput,
`to_data(model)` turns it back into JSON-safe data with decimal strings, and
`calculate(model)` computes the ModelResult. Every problem is reported at once, in a
ModelError whose `errors` map a field path ("products.0.units.3") to a message.
"""

import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

MIN_MONTHS = 12
MAX_MONTHS = 36
MAX_ROWS = 50  # per list: products, start-up costs, funding sources, fixed costs
MAX_NAME_LENGTH = 120
MONEY_PLACES = 2
UNIT_PLACES = 3
MAX_AMOUNT = Decimal("1000000000")  # one billion manat: beyond any plan we support
MAX_UNITS = Decimal("10000000")
ZERO = Decimal("0")
# Enough digits for any sum of products of bounded inputs, so nothing is ever rounded.
_CONTEXT = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN,
                           traps=[decimal.InvalidOperation, decimal.DivisionByZero,
                                  decimal.Overflow])


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

    @property
    def unit_margin(self):
        return self.price - self.variable_cost


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
    units: Decimal
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
    revenue_by_product: list[Decimal]

    @property
    def total_costs(self):
        return self.variable_costs + self.fixed_costs


@dataclass
class ModelResult:
    months: list[Month]
    opening_cash: Decimal
    total_startup_costs: Decimal
    total_funding: Decimal
    monthly_fixed_costs: Decimal
    total_units: Decimal
    total_revenue: Decimal
    total_variable_costs: Decimal
    total_gross_margin: Decimal
    total_fixed_costs: Decimal
    total_profit: Decimal
    closing_cash: Decimal
    break_even_month: int | None
    break_even_units: Decimal | None
    lowest_cash: Decimal
    lowest_cash_month: int
    revenue_by_product: list[Decimal]

    @property
    def total_costs(self):
        return self.total_variable_costs + self.total_fixed_costs


# --- Reading values ----------------------------------------------------------------------

def _number(value, *, path, errors, places, maximum):
    """A non-negative Decimal with at most `places` decimal places, or ZERO after
    recording an error at `path`. Empty means zero (a blank cell of the table)."""
    if isinstance(value, bool):
        errors[path] = _("Enter a number.")
        return ZERO
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        # People type "1 234,50" as often as "1234.50"; floats pass through str() so
        # 0.1 stays 0.1 rather than its binary approximation.
        text = "" if value is None else str(value).strip().replace("\u00a0", "")
        text = text.replace(" ", "").replace(",", ".")
        if not text:
            return ZERO
        try:
            number = Decimal(text)
        except decimal.InvalidOperation:
            errors[path] = _("Enter a number.")
            return ZERO
    if not number.is_finite():
        errors[path] = _("Enter a number.")
        return ZERO
    if number < 0:
        errors[path] = _("Enter zero or a positive number.")
        return ZERO
    if number > maximum:
        errors[path] = _("This number is too large.")
        return ZERO
    if number != number.quantize(Decimal(1).scaleb(-places), context=_CONTEXT):
        errors[path] = _("Use at most %(places)s decimal places.") % {"places": places}
        return ZERO
    return number + ZERO  # normalises -0 to 0


def _money(value, *, path, errors):
    return _number(value, path=path, errors=errors, places=MONEY_PLACES, maximum=MAX_AMOUNT)


def _units(value, *, path, errors):
    return _number(value, path=path, errors=errors, places=UNIT_PLACES, maximum=MAX_UNITS)


def _whole(value, *, path, errors, message):
    if isinstance(value, bool):
        errors[path] = message
        return None
    if isinstance(value, int):
        return value
    try:
        number = Decimal(str(value).strip())
    except (decimal.InvalidOperation, TypeError):
        errors[path] = message
        return None
    if not number.is_finite() or number != number.to_integral_value():
        errors[path] = message
        return None
    return int(number)


def _name(value, *, path, errors):
    name = "" if value is None else str(value).strip()
    if not name:
        errors[path] = _("Enter a name.")
    elif len(name) > MAX_NAME_LENGTH:
        errors[path] = _("Use at most %(count)s characters.") % {"count": MAX_NAME_LENGTH}
    return name


def _field(row, key, default=None):
    if isinstance(row, Mapping):
        return row.get(key, default)
    return getattr(row, key, default)


def _months_message():
    return _("A forecast covers %(min)s to %(max)s months.") % {
        "min": MIN_MONTHS, "max": MAX_MONTHS,
    }


def _read(model_or_data):
    """Check and convert a ModelInput or the equivalent mapping (stored JSON, parsed
    form data). Returns a ModelInput of Decimals or raises ModelError with every
    problem found."""
    errors = {}

    def get(key, default=None):
        return _field(model_or_data, key, default)

    months = _whole(get("months", MIN_MONTHS), path="months", errors=errors,
                    message=_months_message())
    if months is not None and not MIN_MONTHS <= months <= MAX_MONTHS:
        errors["months"] = _months_message()
        months = None
    horizon = months or MAX_MONTHS  # keep checking the rest against the widest horizon

    opening_cash = _money(get("opening_cash", ZERO), path="opening_cash", errors=errors)

    def rows(group):
        found = list(get(group) or [])
        if len(found) > MAX_ROWS:
            errors[group] = _("Enter at most %(count)s rows.") % {"count": MAX_ROWS}
            found = found[:MAX_ROWS]
        return found

    items = {}
    for group in ("startup_costs", "funding", "fixed_costs"):
        items[group] = []
        for i, row in enumerate(rows(group)):
            path = f"{group}.{i}"
            name = _name(_field(row, "name"), path=f"{path}.name", errors=errors)
            amount = _money(_field(row, "amount"), path=f"{path}.amount", errors=errors)
            month = 1
            if group == "funding":
                message = _("Choose a month from 1 to %(months)s.") % {"months": horizon}
                month = _whole(_field(row, "month", 1), path=f"{path}.month", errors=errors,
                               message=message)
                if month is not None and not 1 <= month <= horizon:
                    errors[f"{path}.month"] = message
                month = month or 1
            items[group].append(Item(name=name, amount=amount, month=month))

    products = []
    for i, row in enumerate(rows("products")):
        path = f"products.{i}"
        name = _name(_field(row, "name"), path=f"{path}.name", errors=errors)
        price = _money(_field(row, "price"), path=f"{path}.price", errors=errors)
        variable_cost = _money(_field(row, "variable_cost"), path=f"{path}.variable_cost",
                               errors=errors)
        raw_units = list(_field(row, "units") or [])
        if len(raw_units) > MAX_MONTHS:
            errors[f"{path}.units"] = _months_message()
            raw_units = raw_units[:MAX_MONTHS]
        elif months is not None and len(raw_units) > months:
            errors[f"{path}.units"] = _(
                "The forecast has %(months)s months; this product has sales for %(count)s."
            ) % {"months": months, "count": len(raw_units)}
        units = [_units(value, path=f"{path}.units.{m}", errors=errors)
                 for m, value in enumerate(raw_units)]
        units += [ZERO] * (horizon - len(units))
        products.append(ProductLine(name=name, price=price, variable_cost=variable_cost,
                                    units=units[:horizon]))

    if errors:
        raise ModelError(errors)
    return ModelInput(months=months, opening_cash=opening_cash,
                      startup_costs=items["startup_costs"], funding=items["funding"],
                      products=products, fixed_costs=items["fixed_costs"])


def parse(data):
    """Stored or posted data (a mapping of strings and numbers) → ModelInput."""
    if not isinstance(data, Mapping):
        raise ModelError({"months": _months_message()})
    return _read(data)


def validate(model: ModelInput) -> ModelInput:
    """Raise ModelError listing every problem of `model` at once; return it checked
    (every value a Decimal, every sales row as long as the forecast)."""
    return _read(model)


def _decimal_text(value):
    return format(value.normalize(_CONTEXT) if value else ZERO, "f")


def to_data(model: ModelInput):
    """A ModelInput as JSON-safe data, every amount a decimal string (exact)."""
    def item(it, *, with_month=False):
        data = {"name": it.name, "amount": _decimal_text(it.amount)}
        if with_month:
            data["month"] = it.month
        return data

    return {
        "months": model.months,
        "opening_cash": _decimal_text(model.opening_cash),
        "startup_costs": [item(it) for it in model.startup_costs],
        "funding": [item(it, with_month=True) for it in model.funding],
        "fixed_costs": [item(it) for it in model.fixed_costs],
        "products": [
            {"name": p.name, "price": _decimal_text(p.price),
             "variable_cost": _decimal_text(p.variable_cost),
             "units": [_decimal_text(u) for u in p.units[:model.months]]}
            for p in model.products
        ],
    }


# --- The model ---------------------------------------------------------------------------

def calculate(model: ModelInput) -> ModelResult:
    """Compute the monthly P&L and cash flow of a valid model (checked here again)."""
    model = _read(model)
    with decimal.localcontext(_CONTEXT):
        return _calculate(model)


def _calculate(model):
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
    revenue_by_product = [ZERO] * len(model.products)
    for m in range(1, n + 1):
        units_sum = revenue = variable = ZERO
        month_by_product = []
        for index, product in enumerate(model.products):
            units = product.units[m - 1]
            product_revenue = units * product.price
            month_by_product.append(product_revenue)
            revenue_by_product[index] += product_revenue
            revenue += product_revenue
            variable += units * product.variable_cost
            units_sum += units
        total_units += units_sum
        gross = revenue - variable
        total_contribution += gross
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
            number=m, units=units_sum, revenue=revenue, variable_costs=variable,
            gross_margin=gross, fixed_costs=fixed_monthly, profit=profit,
            funding=funding_by_month[m], startup_costs=startup, cash_flow=cash_flow,
            closing_cash=cash, cumulative_profit=cumulative_profit,
            revenue_by_product=month_by_product,
        ))

    break_even_units = None
    if total_units > 0 and total_contribution > 0:
        # fixed ÷ (contribution ÷ units), without the inexact intermediate division
        break_even_units = (fixed_monthly * total_units / total_contribution).to_integral_value(
            ROUND_CEILING
        )
    lowest = min(months, key=lambda month: month.closing_cash)
    return ModelResult(
        months=months,
        opening_cash=model.opening_cash,
        total_startup_costs=startup_total,
        total_funding=sum((item.amount for item in model.funding), ZERO),
        monthly_fixed_costs=fixed_monthly,
        total_units=total_units,
        total_revenue=cumulative_revenue,
        total_variable_costs=sum((month.variable_costs for month in months), ZERO),
        total_gross_margin=total_contribution,
        total_fixed_costs=fixed_monthly * n,
        total_profit=cumulative_profit,
        closing_cash=cash,
        break_even_month=break_even_month,
        break_even_units=break_even_units,
        lowest_cash=lowest.closing_cash,
        lowest_cash_month=lowest.number,
        revenue_by_product=revenue_by_product,
    )
